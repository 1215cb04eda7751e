// A PostgreSQL cluster of the test's own (initdb on a free port, under a temp folder), for
// database faults: the test may SIGKILL it and start it again. The shared server at
// 127.0.0.1:5432 is never touched. Postgres refuses to run as root, so the cluster runs as the
// `postgres` OS user (setpriv), in a folder that user owns.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import postgres from 'postgres';
import { findBinary, freePort, makeRunDir, run, spawnDaemon, waitUntilReady, type Daemon } from './process.ts';

const BIN = '/usr/lib/postgresql/15/bin';
const OS_USER = 'postgres';

export interface PrivatePostgres {
  /** postgres://postgres@127.0.0.1:PORT/postgres (trust). */
  url: string;
  port: number;
  /** SIGKILL to the postmaster and every backend at once: a crash, not a shutdown. */
  kill(): Promise<void>;
  /** Starts the cluster again on the same port and data folder (crash recovery runs first). */
  restart(): Promise<void>;
  /** Kills the cluster and removes its folder. Safe to call more than once. */
  stop(): Promise<void>;
  logTail(lines?: number): string;
}

/** Why a private cluster cannot run here, or null when it can. */
export function privatePostgresUnavailable(): string | null {
  if (!existsSync(join(BIN, 'initdb'))) return `${BIN}/initdb not found (Debian: apt-get install postgresql-15)`;
  if (!findBinary('setpriv')) return 'setpriv not found (util-linux)';
  try {
    execFileSync('id', ['-u', OS_USER], { stdio: 'ignore' });
  } catch {
    return `no "${OS_USER}" OS user to run the cluster as`;
  }
  return null;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = await makeRunDir('dirsync-pg-');
  const [uid, gid] = ['-u', '-g'].map((flag) => Number(execFileSync('id', [flag, OS_USER], { encoding: 'utf8' })));
  const data = join(dir, 'data');
  const sockets = join(dir, 'sockets');
  let daemon: Daemon | null = null;
  try {
    await mkdir(sockets);
    for (const d of [dir, sockets]) chownSync(d, uid!, gid!);
    // --pdeathsig again after the uid change: changing credentials clears spawnDaemon's.
    const as = ['--reuid', String(uid), '--regid', String(gid), '--clear-groups', '--pdeathsig', 'KILL', '--'];
    await run(findBinary('setpriv')!, [...as, join(BIN, 'initdb'), '-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '--no-instructions']);
    const port = await freePort();
    const args = [...as, join(BIN, 'postgres'), '-D', data, '-p', String(port), '-k', sockets, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'];
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    const start = async () => {
      daemon = spawnDaemon(findBinary('setpriv')!, args, join(dir, 'postgres.log'));
      await waitUntilReady(`private postgres (${url})`, daemon, () => answers(url), 30_000, 50);
    };
    await start();
    return {
      url,
      port,
      kill: async () => daemon?.kill(),
      async restart() {
        await daemon?.kill();
        await start();
      },
      async stop() {
        await daemon?.kill();
        await rm(dir, { recursive: true, force: true });
      },
      logTail: (lines) => daemon?.logTail(lines) ?? '(not started)',
    };
  } catch (e) {
    await (daemon as Daemon | null)?.kill();
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}

async function answers(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } finally {
    await sql.end({ timeout: 1 });
  }
}
