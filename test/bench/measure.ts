// Runs one child process and measures its wall time and, on request, its peak RSS. The RSS is
// the measured program's own (GNU time reports its direct child's rusage; the fallback polls
// that pid's VmHWM), never a wrapper shell's.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBinary } from '../harness/process.ts';

export interface ChildResult {
  command: string;
  code: number | null;
  wallMs: number;
  /** Peak resident set size in bytes; null when not requested. */
  peakRss: number | null;
  rssMethod: 'gnu-time' | 'vmhwm-poll' | null;
  stdout: string;
  stderr: string;
  /** Killed after timeoutMs. */
  timedOut: boolean;
}

export interface ChildOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Send stdout to this file instead of collecting it (big dumps). */
  stdoutFile?: string;
  peakRss?: boolean;
  timeoutMs?: number;
}

/** Children still running, so Ctrl-C or a timeout can end them (and what they started). */
const live = new Set<number>();

function descendants(pid: number): number[] {
  try {
    const kids = readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number));
    return kids.flatMap((k) => [k, ...descendants(k)]);
  } catch {
    return [];
  }
}

/** Signals pid and its descendants (GNU time's child is the node process itself). */
function killTree(pid: number, signal: NodeJS.Signals): void {
  for (const p of [...descendants(pid), pid]) {
    try {
      process.kill(p, signal);
    } catch {
      // already gone
    }
  }
}

export function killChildren(): void {
  for (const pid of live) killTree(pid, 'SIGKILL');
}

const gnuTime = findBinary('time');

export async function runChild(cmd: string, args: string[], opts: ChildOptions = {}): Promise<ChildResult> {
  const useTime = Boolean(opts.peakRss && gnuTime && process.env.BENCH_RSS !== 'poll');
  const rssFile = join(tmpdir(), `dirsync-bench-rss-${process.pid}-${Date.now()}`);
  // time -f %M: max RSS in KiB of the program it runs (exec'd directly, no shell in between).
  const [file, argv] = useTime ? [gnuTime!, ['-f', '%M', '-o', rssFile, '--', cmd, ...args]] : [cmd, args];
  const outFd = opts.stdoutFile ? openSync(opts.stdoutFile, 'w') : undefined;
  const started = performance.now();
  const child = spawn(file, argv, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', outFd ?? 'pipe', 'pipe'] });
  if (outFd !== undefined) closeSync(outFd);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const pid = child.pid;
  if (pid) live.add(pid);
  let timedOut = false;
  const timer = opts.timeoutMs && pid ? setTimeout(() => {
    timedOut = true;
    killTree(pid, 'SIGTERM');
    setTimeout(() => killTree(pid, 'SIGKILL'), 5_000).unref();
  }, opts.timeoutMs) : undefined;
  let hwm = 0;
  const poller = opts.peakRss && !useTime && pid ? setInterval(() => (hwm = Math.max(hwm, vmHwm(pid))), 20) : undefined;
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (c, signal) => resolve(c ?? (signal ? 128 : null)));
  });
  const wallMs = performance.now() - started;
  if (pid) live.delete(pid);
  clearTimeout(timer);
  if (poller) clearInterval(poller);
  let peakRss: number | null = null;
  if (useTime) {
    // On failure time writes "Command exited with non-zero status N" before the number.
    const lines = (await readFile(rssFile, 'utf8').catch(() => '')).trim().split('\n');
    peakRss = Number(lines.at(-1)) * 1024 || null;
    await rm(rssFile, { force: true });
  } else if (opts.peakRss) {
    peakRss = hwm * 1024 || null;
  }
  const rssMethod = opts.peakRss ? (useTime ? 'gnu-time' : 'vmhwm-poll') : null;
  return { command: [cmd, ...args].join(' '), code, wallMs, peakRss, rssMethod, stdout, stderr, timedOut };
}

/** VmHWM in KiB (the kernel's own high-water mark, so sampling only risks missing the very end). */
function vmHwm(pid: number): number {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Throws with the command's output when it failed; the message is what one needs to debug it. */
export function check(r: ChildResult, what: string): ChildResult {
  if (r.code === 0) return r;
  const output = `${r.stderr}${r.stdout}`.trim().slice(-4000);
  throw new Error(`${what} failed (exit ${String(r.code)}): ${r.command}\n${output}`);
}
