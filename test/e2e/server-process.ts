import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;

/** `node src/main.ts` as an operator starts it: its log is JSON lines on stdout. */
export async function startDirsync(env: Record<string, string>, startMs = 60_000): Promise<{ url: string; setupLink: string; pid: number; log: () => string; alive: () => boolean; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, ['src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', DIRSYNC_DATA_DIR: mkdtempSync(join(tmpdir(), 'dirsync-e2e-')), DIRSYNC_SECRET_KEY: randomBytes(32).toString('base64'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const found = await new Promise<{ url: string; setupLink: string }>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`dirsync did not start within ${startMs / 1000} s:\n${out}`));
    }, startMs);
    const check = () => {
      const url = /dirsync listening on (http:\/\/[\d.:]+)/.exec(out)?.[1];
      const setupLink = /"link":"(http:\/\/[^"]+\/setup\/[\w-]+)"/.exec(out)?.[1];
      if (url && setupLink) {
        clearTimeout(timer);
        resolve({ url, setupLink });
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => reject(new Error(`dirsync exited with ${code}:\n${out}`)));
  });
  return {
    ...found,
    pid: child.pid!,
    log: () => out,
    alive: () => child.exitCode === null && child.signalCode === null,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** The real `dirsync` CLI against the same database, e.g. `users add bob --role admin` with a password on stdin. */
export function dirsyncCli(args: string[], env: Record<string, string>, stdin: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['src/cli.mjs', ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.stdin.end(stdin);
    child.once('exit', (code) => resolve({ code: code ?? -1, out }));
  });
}
