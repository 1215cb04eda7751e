// Child-process plumbing shared by the slapd and Samba harnesses: finding binaries, running
// one-shot tools, and supervising daemons so that none outlives the test process.
import { execFile, spawn } from 'node:child_process';
import { accessSync, constants, closeSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Absolute path of an executable, or null. Looks in sbin too: slapd lives in /usr/sbin. */
export function findBinary(name: string): string | null {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/local/sbin', '/usr/sbin', '/sbin'];
  for (const dir of dirs.filter(Boolean)) {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {
      // not here, keep looking
    }
  }
  return null;
}

/** Runs a tool to completion; the error carries its output, which is what one needs to debug it. */
export async function run(cmd: string, args: string[], opts: { cwd?: string } = {}): Promise<string> {
  try {
    const { stdout } = await execFileAsync(cmd, args, { cwd: opts.cwd, maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch (err) {
    // execFile's message repeats stderr; say it once, with the exit code.
    const e = err as { code?: unknown; stdout?: string; stderr?: string };
    throw new Error(`${cmd} ${args.join(' ')} failed (exit ${String(e.code)}):\n${e.stderr ?? ''}${e.stdout ?? ''}`.trim());
  }
}

/** A fresh temp folder whose owner.pid lets a later run remove it if this process dies hard. */
export async function makeRunDir(prefix: string, parent = tmpdir()): Promise<string> {
  const dir = await mkdtemp(join(parent, prefix));
  await writeFile(join(dir, 'owner.pid'), String(process.pid));
  return dir;
}

function isAlive(pid: number): boolean {
  try {
    // A zombie counts as dead (the sandbox's init may never reap it).
    return !/^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Removes run folders left by killed test processes (teardown never ran for them). */
export async function sweepStaleRunDirs(prefixes: string[], parent = tmpdir()): Promise<void> {
  const names = (await readdir(parent)).filter((n) => prefixes.some((p) => n.startsWith(p)));
  await Promise.all(names.map(async (name) => {
    const owner = Number(await readFile(join(parent, name, 'owner.pid'), 'utf8').catch(() => 'NaN'));
    // No owner.pid: being created right now, or not ours; leave it.
    if (Number.isInteger(owner) && !isAlive(owner)) await rm(join(parent, name), { recursive: true, force: true });
  }));
}

/** A free TCP port on 127.0.0.1 (the kernel picks it; small race until the daemon binds it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Throws a clear message when something already listens on host:port. */
export async function assertPortFree(port: number, host: string, who: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(new Error(`${who} needs ${host}:${port}, but it is not available (${err.code}). ` +
        `Is another LDAP server or a stray ${who} from an earlier run listening? Try: ss -ltnp 'sport = :${port}'`)));
    server.listen(port, host, () => server.close(() => resolve()));
  });
}

export interface Daemon {
  readonly pid: number;
  readonly logFile: string;
  /** Resolves with the exit code (or null when killed by a signal). */
  readonly exited: Promise<number | null>;
  isRunning(): boolean;
  /** SIGTERM, then SIGKILL after graceMs. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL at once, like a crash or `kill -9`. */
  kill(): Promise<void>;
  logTail(lines?: number): string;
}

// Every live daemon's process group, so a process exit (vitest calls process.exit on Ctrl-C)
// still takes them down. A SIGKILLed test process is covered by setpriv --pdeathsig below.
// Kept on globalThis: vitest may evaluate this module more than once in one process.
const LIVE = Symbol.for('dirsync.test-harness.live-daemon-groups');
const registry = globalThis as { [LIVE]?: Set<number> };
const liveGroups = registry[LIVE] ?? exitHookedSet();

function exitHookedSet(): Set<number> {
  const groups = new Set<number>();
  registry[LIVE] = groups;
  process.once('exit', () => {
    for (const pgid of groups) killGroup(pgid, 'SIGKILL');
  });
  return groups;
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone
  }
}

const setpriv = findBinary('setpriv');

/**
 * Starts a long-running daemon in its own process group, output appended to logFile (a file,
 * not a pipe: a pipe nobody drains would eventually block the daemon).
 */
export function spawnDaemon(cmd: string, args: string[], logFile: string): Daemon {
  const fd = openSync(logFile, 'a');
  // pdeathsig: the kernel SIGKILLs the daemon when the spawning process dies, even by SIGKILL.
  const [file, argv] = setpriv ? [setpriv, ['--pdeathsig', 'KILL', '--', cmd, ...args]] : [cmd, args];
  const child = spawn(file, argv, { detached: true, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${cmd}`);
  liveGroups.add(pid);
  let running = true;
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      running = false;
      killGroup(pid, 'SIGKILL'); // any grandchildren left in the group
      liveGroups.delete(pid);
      resolve(code);
    });
  });
  // Don't let a forgotten daemon keep the test process alive; the exit hook reaps it.
  child.unref();

  const waitExit = async (ms: number): Promise<boolean> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
    const done = await Promise.race([exited.then(() => true as const), timeout]);
    clearTimeout(timer);
    return done;
  };
  const kill = async (): Promise<void> => {
    if (!running) return;
    killGroup(pid, 'SIGKILL');
    await waitExit(10_000);
  };
  return {
    pid,
    logFile,
    exited,
    isRunning: () => running,
    kill,
    async stop(graceMs = 5_000) {
      if (!running) return;
      killGroup(pid, 'SIGTERM');
      if (!(await waitExit(graceMs))) await kill();
    },
    logTail(lines = 40) {
      try {
        return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
      } catch {
        return '(no log)';
      }
    },
  };
}

/** Polls probe until it returns true; fails early when the daemon dies, with its log tail. */
export async function waitUntilReady(
  what: string, daemon: Daemon, probe: () => Promise<boolean>, timeoutMs: number, intervalMs = 100,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!daemon.isRunning()) {
      throw new Error(`${what} exited during start-up (code ${await daemon.exited}). Log tail:\n${daemon.logTail()}`);
    }
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) {
      throw new Error(`${what} did not answer within ${timeoutMs} ms. Log tail:\n${daemon.logTail()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
