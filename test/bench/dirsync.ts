// dirsync as a user runs it: the real CLI in a child process against a fresh Postgres database.
// Only `sync` is measured; migrate and `integrations add` are setup.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import packageJson from '../../package.json' with { type: 'json' };
import { GROUP_FILTER, USER_FILTER } from './baseline.ts';
import { SERVICE, SUFFIX } from './fixture-ldif.ts';
import { check, runChild } from './measure.ts';
import type { ChildResult } from './measure.ts';
import { createDb, diffWrites, dropDb, settledWrites } from './pg.ts';
import type { Writes } from './pg.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** BENCH_CLI: run another entry point (a stub, to test the harness itself). */
export const CLI = process.env.BENCH_CLI ?? 'src/cli.mjs';
/** The Node flags `npm run dirsync` (and the binary's shebang) start the CLI with. */
export const NODE_FLAGS = nodeFlags(packageJson.scripts.dirsync);

function nodeFlags(script: string): string[] {
  const words = script.trim().split(/\s+/);
  const at = words.indexOf('src/cli.mjs');
  if (words[0] !== 'node' || at < 0) throw new Error(`package.json scripts.dirsync is not "node [flags] src/cli.mjs": ${script}`);
  return words.slice(1, at);
}
/** Fixed so runs are comparable; 32 bytes, as DIRSYNC_SECRET_KEY requires. */
const SECRET_KEY = Buffer.from('dirsync-bench-fixed-key-32-bytes').toString('base64');

/** The `sync --json` contract (the fields the bench reads). */
export interface SyncJson {
  run: unknown;
  integration: string;
  status: 'succeeded' | 'failed';
  durationMs: number;
  /** users, groups, memberships: { added, updated, unchanged, restored }; maybe more keys. */
  counts: Record<string, Record<string, number> | number>;
  destructive: unknown;
  failure: unknown;
  /** How the run read: a delta asked for may have fallen back to a full read (fallbackReason). */
  mode?: 'full' | 'delta';
  deltaMethod?: string | null;
  fallbackReason?: string | null;
}

export interface SyncMeasurement {
  wallMs: number;
  peakRss: number | null;
  rssMethod: ChildResult['rssMethod'];
  /** Rows inserted + updated + deleted in directory_% and pending_changes, from pg_stat. */
  writes: Writes;
  result: SyncJson;
}

export interface BenchDb {
  name: string;
  url: string;
  /** `full` unless told; a `delta` that ran as a full read throws (its figure would lie). */
  sync(mode?: 'full' | 'delta'): Promise<SyncMeasurement>;
  drop(): Promise<void>;
}

/** Fresh database + data dir, migrated, with integration "bench" pointing at ldapUrl. */
export async function prepareDirsync(name: string, ldapUrl: string, syncTimeoutMs: number): Promise<BenchDb> {
  const url = await createDb(name);
  const dataDir = await mkdtemp(join(tmpdir(), 'dirsync-bench-data-'));
  const env = { ...process.env, DATABASE_URL: url, DIRSYNC_SECRET_KEY: SECRET_KEY, DIRSYNC_DATA_DIR: dataDir, BENCH_PW: SERVICE.password, LOG_LEVEL: 'warn' };
  // process.execPath: the Node running the bench (24), not whatever `node` is first on PATH.
  const cli = (args: string[], peakRss = false) => runChild(process.execPath, [...NODE_FLAGS, CLI, ...args], { cwd: ROOT, env, peakRss, timeoutMs: peakRss ? syncTimeoutMs : 120_000 });
  const drop = async () => {
    await rm(dataDir, { recursive: true, force: true });
    await dropDb(name);
  };
  try {
    check(await cli(['migrate']), 'dirsync migrate');
    check(await cli(['integrations', 'add', 'bench', '--kind', 'openldap', '--url', ldapUrl, '--tls', 'none',
      '--bind-dn', SERVICE.dn, '--password-env', 'BENCH_PW', '--base-dn', SUFFIX,
      '--user-filter', USER_FILTER, '--group-filter', GROUP_FILTER]), 'dirsync integrations add');
  } catch (err) {
    await drop();
    throw err;
  }
  // Full reads unless told: the re-sync figures compare full reads (a delta is the default once a watermark exists).
  const sync = async (mode: 'full' | 'delta' = 'full'): Promise<SyncMeasurement> => {
    const before = await settledWrites(url);
    const r = await cli(['sync', 'bench', '--json', `--${mode}`], true);
    const result = parseSync(r);
    if (result.mode !== mode) {
      throw new Error(`\`sync bench --${mode}\` ran as ${String(result.mode)} (fallbackReason ${String(result.fallbackReason)}): not a ${mode} figure`);
    }
    const writes = diffWrites(before, await settledWrites(url));
    return { wallMs: r.wallMs, peakRss: r.peakRss, rssMethod: r.rssMethod, writes, result };
  };
  return { name, url, sync, drop };
}

/**
 * `dirsync version`: the floor under every sync's wall time and peak RSS (loading the CLI's
 * module graph), shown beside the syncs so the ratios can be read correctly.
 */
export async function measureStartup(): Promise<{ wallMs: number; peakRss: number | null }> {
  const r = check(await runChild(process.execPath, [...NODE_FLAGS, CLI, 'version'], { cwd: ROOT, peakRss: true }), 'dirsync version');
  return { wallMs: r.wallMs, peakRss: r.peakRss };
}

/** The JSON document, or an error that says which side of the contract broke. */
function parseSync(r: ChildResult): SyncJson {
  const cmd = 'node src/cli.mjs sync bench --json';
  if (r.timedOut) throw new Error(`\`${cmd}\` did not finish within ${(r.wallMs / 1000).toFixed(0)} s and was killed (--sync-timeout)`);
  let doc: Record<string, unknown> | undefined;
  try {
    doc = JSON.parse(r.stdout) as Record<string, unknown>;
  } catch {
    // not JSON: reported below with the raw output
  }
  const error = doc?.error as { code?: string; message?: string } | undefined;
  if (error?.code === 'usage' && /unknown command "sync"/.test(error.message ?? '')) {
    throw new Error(`\`${cmd}\` does not exist yet (exit ${String(r.code)}: ${error.message}). ` +
      'The sync command is still being written; the baseline above is valid, the dirsync steps cannot run.');
  }
  if (!doc || error) throw new Error(`\`${cmd}\` exited ${String(r.code)} without a sync result:\n${`${r.stdout}\n${r.stderr}`.trim().slice(-4000)}`);
  if (doc.status !== 'succeeded' || r.code !== 0) {
    throw new Error(`\`${cmd}\` reported status ${String(doc.status)} (exit ${String(r.code)}): failure ${JSON.stringify(doc.failure)}\n${r.stderr.trim().slice(-2000)}`);
  }
  const counts = doc.counts as SyncJson['counts'] | undefined;
  if (!counts?.users || !counts.groups || !counts.memberships) throw new Error(`\`${cmd}\` printed no counts.users/groups/memberships: ${r.stdout.slice(0, 2000)}`);
  return doc as unknown as SyncJson;
}
