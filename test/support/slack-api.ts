import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Slack's Web API and for `response_url`s. It records every call and keeps
 * the messages it was asked to post, edit and thread, so tests assert what a channel would show.
 */
export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  token: string | null;
  at: number;
  status: number;
}

export interface FakeMessage {
  channel: string;
  ts: string;
  threadTs: string | null;
  text: string;
  blocks: Record<string, unknown>[];
  replyBroadcast: boolean;
  /** Every version the message had, first to last. */
  versions: { text: string; blocks: Record<string, unknown>[] }[];
}

export type Failure = { status: 429; retryAfter: number } | { error: string };

export interface FakeSlack {
  /** SLACK_API_URL for the app under test. */
  apiUrl: string;
  origin: string;
  calls: SlackCall[];
  messages: FakeMessage[];
  /** Bodies posted to response URLs, in order. */
  responses: { url: string; body: Record<string, unknown>; at: number }[];
  newResponseUrl(): string;
  /** The next `count` calls of `method` (to `channel`, or any) fail this way. */
  fail(method: string, failure: Failure, opts?: { channel?: string; count?: number }): void;
  parents(channel: string): FakeMessage[];
  replies(parent: FakeMessage): FakeMessage[];
  /** Answers apps.connections.open with this URL (Socket Mode). */
  socketUrl: string | null;
  waitFor<T>(find: () => T | undefined | null | false, timeoutMs?: number, what?: string): Promise<T>;
  close(): Promise<void>;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const failures: { method: string; channel?: string; failure: Failure; left: number }[] = [];
  let seq = 0;
  let responseSeq = 0;
  const fake: FakeSlack = {
    apiUrl: '',
    origin: '',
    calls: [],
    messages: [],
    responses: [],
    socketUrl: null,
    newResponseUrl: () => `${fake.origin}/respond/${++responseSeq}`,
    fail(method, failure, opts = {}) {
      failures.push({ method, failure, left: opts.count ?? 1, ...(opts.channel && { channel: opts.channel }) });
    },
    parents: (channel) => fake.messages.filter((m) => m.channel === channel && m.threadTs === null),
    replies: (parent) => fake.messages.filter((m) => m.channel === parent.channel && m.threadTs === parent.ts),
    async waitFor(find, timeoutMs = 10_000, what = 'condition') {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = find();
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`fake Slack: timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  const reply = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  };

  function handleApi(method: string, args: Record<string, unknown>, token: string | null, res: ServerResponse): void {
    const channel = typeof args.channel === 'string' ? args.channel : undefined;
    const failure = failures.find((f) => f.left > 0 && f.method === method && (!f.channel || f.channel === channel));
    const record = (status: number) => fake.calls.push({ method, args, token, at: Date.now(), status });
    if (failure) {
      failure.left--;
      if ('status' in failure.failure) {
        record(429);
        return reply(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.failure.retryAfter) });
      }
      record(200);
      return reply(res, 200, { ok: false, error: failure.failure.error });
    }
    record(200);
    const blocks = (typeof args.blocks === 'string' ? JSON.parse(args.blocks) : (args.blocks ?? [])) as Record<string, unknown>[];
    const text = String(args.text ?? '');
    switch (method) {
      case 'auth.test':
        return reply(res, 200, { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'dirsync' });
      case 'apps.connections.open':
        return fake.socketUrl ? reply(res, 200, { ok: true, url: fake.socketUrl }) : reply(res, 200, { ok: false, error: 'not_allowed' });
      case 'chat.postMessage': {
        const ts = `${1_700_000_000 + ++seq}.000100`;
        const threadTs = typeof args.thread_ts === 'string' ? args.thread_ts : null;
        const broadcast = args.reply_broadcast === true || args.reply_broadcast === 'true';
        fake.messages.push({ channel: channel!, ts, threadTs, text, blocks, replyBroadcast: broadcast, versions: [{ text, blocks }] });
        return reply(res, 200, { ok: true, channel, ts, message: { text, ts } });
      }
      case 'chat.update': {
        const message = fake.messages.find((m) => m.channel === channel && m.ts === args.ts);
        if (!message) return reply(res, 200, { ok: false, error: 'message_not_found' });
        Object.assign(message, { text, blocks });
        message.versions.push({ text, blocks });
        return reply(res, 200, { ok: true, channel, ts: message.ts });
      }
      default:
        return reply(res, 200, { ok: false, error: 'unknown_method' });
    }
  }

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', fake.origin);
    const json = (req.headers['content-type'] ?? '').includes('json');
    if (url.pathname.startsWith('/respond/')) {
      fake.responses.push({ url: url.href, body: JSON.parse(raw || '{}') as Record<string, unknown>, at: Date.now() });
      return reply(res, 200, { ok: true });
    }
    if (url.pathname.startsWith('/api/')) {
      const args = json ? (JSON.parse(raw || '{}') as Record<string, unknown>) : Object.fromEntries(new URLSearchParams(raw));
      const token = (req.headers.authorization ?? '').replace(/^Bearer /, '') || null;
      return handleApi(url.pathname.slice('/api/'.length), args, token, res);
    }
    reply(res, 404, { ok: false, error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  fake.origin = `http://127.0.0.1:${port}`;
  fake.apiUrl = `${fake.origin}/api/`;
  return fake;
}
