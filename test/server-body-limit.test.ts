import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDirsync } from './e2e/server-process.ts';
import { startFakeSlack, type FakeSlack } from './support/slack-api.ts';

const MiB = 1024 * 1024;
const OFFERED = 200 * MiB;
const CHUNK = Buffer.alloc(64 * 1024, 0x61);

/** Resident memory of a process, from /proc. */
const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;

/**
 * Offers 200 MiB to a path as fast as the server takes it, chunked or with a Content-Length, and
 * notes how much had been sent when the answer (or the end of the connection) came. The server
 * closes the socket after its 413 with the upload still arriving, so Node's client may fail its
 * next write (EPIPE, reset) before it parses the 413 already received: that counts as closed.
 */
function offer(base: string, path: string, how: 'chunked' | 'content-length'): Promise<{ status: number | null; sentBeforeAnswer: number }> {
  return new Promise((resolve) => {
    let sent = 0;
    let status: number | null = null;
    let answeredAt: number | null = null;
    const answered = () => (answeredAt ??= sent);
    const url = new URL(path, base);
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...(how === 'content-length' && { 'content-length': OFFERED }) } });
    req.on('response', (res) => {
      answered();
      status = res.statusCode ?? null;
      res.resume();
    });
    req.on('error', answered); // EPIPE / ECONNRESET once the server closed: expected
    req.on('close', () => resolve({ status, sentBeforeAnswer: answered() }));
    const write = () => {
      while (sent < OFFERED && answeredAt === null) {
        sent += CHUNK.length;
        if (!req.write(CHUNK)) return void req.once('drain', write);
      }
      if (sent >= OFFERED) req.end();
    };
    write();
  });
}

describe('request body limits of the real server (node src/main.ts)', () => {
  let server: Awaited<ReturnType<typeof startDirsync>>;
  let slack: FakeSlack;

  beforeAll(async () => {
    slack = await startFakeSlack();
    server = await startDirsync({
      DIRSYNC_WORKERS: '0', DIRSYNC_SCHEDULER: 'off', DIRSYNC_TEAMS_INSECURE_LOCAL: '1',
      SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: 'e3b0c44298fc1c149afbf4c8996fb924', SLACK_API_URL: slack.apiUrl,
    });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await slack?.close();
  });

  it('answers 413 early to 200 MiB offered chunked and by Content-Length, and its memory stays flat', async () => {
    const setupPath = new URL(server.setupLink).pathname;
    const paths = ['/login', setupPath, '/slack/events', '/api/messages'];
    for (const path of paths) await fetch(`${server.url}${path}`, { method: 'POST', body: 'warm=up' }).then((r) => r.text());
    const before = rssOf(server.pid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssOf(server.pid))), 10);
    const answers: Record<string, unknown> = {};
    try {
      for (const path of paths) {
        for (const how of ['chunked', 'content-length'] as const) {
          const { status, sentBeforeAnswer } = await offer(server.url, path, how);
          // Before the answer only what fits in socket buffers went out, not the 200 MiB.
          answers[`${how} ${path === setupPath ? '/setup/<token>' : path}`] = [status === 413 || status === null ? '413 or closed' : status, sentBeforeAnswer < 32 * MiB];
        }
      }
    } finally {
      clearInterval(sampler);
    }
    expect(answers).toEqual(Object.fromEntries(paths.flatMap((p) => ['chunked', 'content-length'].map((how) => [`${how} ${p === setupPath ? '/setup/<token>' : p}`, ['413 or closed', true]]))));
    expect((peak - before) / MiB, `RSS grew from ${(before / MiB).toFixed(0)} to ${(peak / MiB).toFixed(0)} MiB`).toBeLessThan(50);
    // Nothing was created, and the server still answers.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await fetch(server.setupLink)).status).toBe(200);
  }, 120_000);
});
