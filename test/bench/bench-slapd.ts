// The bench directory: generated once per parameter set and bulk-loaded with slapadd into a
// cached MDB database; each run starts slapd on a private copy (the change step modifies it).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'ldapts';
import { findBinary, freePort, makeRunDir, run, spawnDaemon, waitUntilReady } from '../harness/process.ts';
import type { Daemon } from '../harness/process.ts';
import { OPENLDAP_FIXTURE } from '../harness/slapd-fixture.ts';
import { SUFFIX, writeFixtureLdif } from './fixture-ldif.ts';
import type { FixtureFacts, FixtureParams } from './fixture-ldif.ts';

/** Bump when the generator or the slapd configuration changes: old caches are then ignored. */
const GENERATOR_VERSION = 1;

export interface CachedFixture {
  dir: string;
  facts: FixtureFacts;
  /** Seconds spent generating / slapadd-ing; null when it came from the cache. */
  build: { generateMs: number; slapaddMs: number; dbBytes: number } | null;
}

export interface BenchSlapd {
  url: string;
  port: number;
  stop(): Promise<void>;
}

// Same schema and ACL as the test fixture, so entries carry proxyAddresses and the service
// account reads exactly what it reads in tests. maxsize is only address space (MDB is sparse).
function slapdConf(dir: string): string {
  return [
    ...OPENLDAP_FIXTURE.schemaFiles.map((f) => `include ${f}`),
    'modulepath /usr/lib/ldap',
    'moduleload back_mdb',
    `pidfile ${dir}/slapd.pid`,
    `argsfile ${dir}/slapd.args`,
    'tool-threads 2',
    'access to dn.base="" by * read',
    'access to dn.base="cn=Subschema" by * read',
    'database mdb',
    'maxsize 2147483648',
    `suffix "${SUFFIX}"`,
    `rootdn "${OPENLDAP_FIXTURE.admin.dn}"`,
    `rootpw ${OPENLDAP_FIXTURE.admin.password}`,
    `directory ${dir}/db`,
    'index objectClass eq',
    'index entryUUID eq',
    // As on a production server: a search without paging stops at slapd's default 500 entries
    // ("Size limit exceeded"), a paged one may read everything. So dirsync must page.
    'limits users size.prtotal=unlimited',
    `include ${OPENLDAP_FIXTURE.aclFile}`,
    '',
  ].join('\n');
}

export function cacheRoot(): string {
  return process.env.DIRSYNC_BENCH_CACHE ?? join(tmpdir(), 'dirsync-bench-cache');
}

async function cacheKey(p: FixtureParams): Promise<string> {
  const hash = createHash('sha256').update(JSON.stringify({ GENERATOR_VERSION, p })).update(slapdConf('/'));
  for (const f of [...OPENLDAP_FIXTURE.schemaFiles, OPENLDAP_FIXTURE.aclFile]) hash.update(await readFile(f));
  return `u${p.users}-g${p.groups}-${hash.digest('hex').slice(0, 12)}`;
}

/** The cached, slapadd'ed directory for these parameters; built (a minute at 100k) if missing. */
export async function ensureFixture(p: FixtureParams, log: (line: string) => void): Promise<CachedFixture> {
  const dir = join(cacheRoot(), await cacheKey(p));
  const factsFile = join(dir, 'facts.json');
  // facts.json is written last: its presence means the build finished.
  if (existsSync(factsFile)) return { dir, facts: JSON.parse(await readFile(factsFile, 'utf8')) as FixtureFacts, build: null };
  const slapadd = findBinary('slapadd');
  if (!slapadd) throw new Error('slapadd not found (Debian: apt-get install slapd)');
  log(`building fixture ${dir} (${p.users} users, ${p.groups} groups) …`);
  // Build beside the final folder, then rename: an interrupted build never looks complete.
  const tmp = `${dir}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(join(tmp, 'db'), { recursive: true });
  try {
    let t = performance.now();
    const facts = await writeFixtureLdif(join(tmp, 'fixture.ldif'), p);
    const generateMs = performance.now() - t;
    await writeFile(join(tmp, 'slapd.conf'), slapdConf(tmp));
    t = performance.now();
    // -q: no consistency checks, fine for generated data; slapadd adds entryUUID itself.
    await run(slapadd, ['-q', '-f', join(tmp, 'slapd.conf'), '-l', join(tmp, 'fixture.ldif')]);
    const slapaddMs = performance.now() - t;
    await rm(join(tmp, 'slapd.conf'));
    await writeFile(join(tmp, 'facts.json'), JSON.stringify(facts, null, 2));
    await rm(dir, { recursive: true, force: true });
    await rename(tmp, dir);
    const dbBytes = (await stat(join(dir, 'db', 'data.mdb'))).blocks * 512; // allocated, not the sparse size
    return { dir, facts, build: { generateMs, slapaddMs, dbBytes } };
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
}

async function answers(url: string): Promise<boolean> {
  const client = new Client({ url, connectTimeout: 1_000, timeout: 2_000 });
  try {
    const { searchEntries } = await client.search('', { scope: 'base', attributes: ['namingContexts'] });
    return String(searchEntries[0]?.namingContexts ?? '').toLowerCase().includes(SUFFIX);
  } finally {
    await client.unbind().catch(() => {});
  }
}

/** slapd on a free loopback port over a copy of the cached database. */
export async function startBenchSlapd(fixture: CachedFixture): Promise<BenchSlapd> {
  const slapd = findBinary('slapd');
  if (!slapd) throw new Error('slapd not found (Debian: apt-get install slapd)');
  const dir = await makeRunDir('dirsync-bench-slapd-');
  await mkdir(join(dir, 'db'));
  // cp --sparse: data.mdb is as large as maxsize on disk but mostly holes; copyFile would
  // write every zero (25 s for 8 GiB).
  await run('cp', ['--sparse=always', join(fixture.dir, 'db', 'data.mdb'), join(dir, 'db', 'data.mdb')]);
  await writeFile(join(dir, 'slapd.conf'), slapdConf(dir));
  let daemon: Daemon;
  try {
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const url = `ldap://127.0.0.1:${port}`;
      daemon = spawnDaemon(slapd, ['-f', join(dir, 'slapd.conf'), '-h', `${url}/`, '-d', 'none'], join(dir, 'slapd.log'));
      try {
        await waitUntilReady(`slapd (${url})`, daemon, () => answers(url), 30_000, 50);
      } catch (err) {
        await daemon.kill();
        // Another process took the port between freePort() and bind: try another one.
        if (attempt < 3 && daemon.logTail().includes('Address already in use')) continue;
        throw err;
      }
      const d = daemon;
      const stop = async () => {
        await d.stop();
        await rm(dir, { recursive: true, force: true });
      };
      return { url, port, stop };
    }
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}
