// The CLI's own answer time against issue 14's targets: --version and --help with no database,
// `list` on Postgres, through a running server's socket, and booting PGlite itself. Each case is
// the median of three runs, in fresh processes, as a person types them.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, NODE_FLAGS, ROOT } from './dirsync.ts';
import { runChild, type ChildResult } from './measure.ts';
import { createDb, dropDb } from './pg.ts';

export interface CliTiming {
  case: string;
  wallMs: number;
  peakRss: number | null;
  targetMs: number;
  /** Peak RSS target in bytes, where the issue sets one. */
  targetRss?: number;
}

const MiB = 2 ** 20;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function measureCli(prefix: string, log: (line: string) => void): Promise<CliTiming[]> {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'dirsync-bench-cli-')), 'data');
  const env = { PATH: process.env.PATH ?? '', DIRSYNC_DATA_DIR: dataDir, DIRSYNC_SECRET_KEY: randomBytes(32).toString('base64') };
  const cli = (args: string[], extra: Record<string, string> = {}) =>
    runChild(process.execPath, [...NODE_FLAGS, CLI, ...args], { cwd: ROOT, env: { ...env, ...extra }, peakRss: true, timeoutMs: 300_000 });
  const timed = async (name: string, args: string[], targetMs: number, extra: Record<string, string> = {}, targetRss?: number): Promise<CliTiming> => {
    const runs: ChildResult[] = [];
    for (let i = 0; i < 3; i++) runs.push(await cli(args, extra));
    const failed = runs.find((r) => r.code !== 0);
    if (failed?.timedOut) throw new Error(`${name}: \`dirsync ${args.join(' ')}\` took longer than ${failed.wallMs / 1000} s and was killed`);
    if (failed) throw new Error(`${name}: \`dirsync ${args.join(' ')}\` exited ${String(failed.code)}: ${failed.stderr.slice(-500)}`);
    const timing = { case: name, wallMs: median(runs.map((r) => r.wallMs)), peakRss: median(runs.map((r) => r.peakRss ?? 0)) || null, targetMs, ...(targetRss && { targetRss }) };
    log(`cli: ${name} ${(timing.wallMs / 1000).toFixed(2)} s`);
    return timing;
  };
  const out: CliTiming[] = [];
  try {
    out.push(await timed('--version', ['--version'], 250));
    out.push(await timed('--help', ['--help'], 250));
    await cli(['migrate']); // creates and migrates the folder: not what `list` should pay
    out.push(await timed('list, booting PGlite itself', ['list'], 1_500, {}, 250 * MiB));
    const stop = await startServer(env);
    try {
      out.push(await timed("list, through the server's socket", ['list'], 600));
    } finally {
      await stop();
    }
    const name = `${prefix}_cli`;
    const url = await createDb(name);
    try {
      await cli(['migrate'], { DATABASE_URL: url });
      out.push(await timed('list, on Postgres', ['list'], 600, { DATABASE_URL: url }));
    } finally {
      await dropDb(name);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  return out;
}

/** `dirsync start` on the folder, until it shares its database; returns its stop. */
async function startServer(env: Record<string, string>): Promise<() => Promise<void>> {
  const child = spawn(process.execPath, [...NODE_FLAGS, CLI, 'start'], { cwd: ROOT, env: { ...env, PORT: '0', DIRSYNC_WORKERS: '0', DIRSYNC_SCHEDULER: 'off', LOG_FORMAT: 'json' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (out.includes('share the embedded database')) {
        clearInterval(timer);
        resolve();
      }
    }, 100);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`dirsync start exited ${String(code)}: ${out.slice(-1000)}`));
    });
  });
  return () =>
    new Promise<void>((resolve) => {
      child.removeAllListeners('exit');
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
}

/** Side by side with the targets; no verdict here beyond PASS / FAIL per line. */
export function cliTargets(timings: CliTiming[]): { target: string; status: 'PASS' | 'FAIL'; detail: string }[] {
  return timings.map((t) => {
    const rssOk = t.targetRss === undefined || (t.peakRss !== null && t.peakRss <= t.targetRss);
    const detail = `${(t.wallMs / 1000).toFixed(2)} s (target ${(t.targetMs / 1000).toFixed(2)} s)` +
      (t.targetRss ? `, peak ${t.peakRss ? Math.round(t.peakRss / MiB) : '—'} MiB (target ${t.targetRss / MiB} MiB)` : '');
    return { target: `CLI ${t.case}`, status: t.wallMs <= t.targetMs && rssOk ? 'PASS' : 'FAIL', detail };
  });
}
