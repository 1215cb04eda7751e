import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the cloud side of the Bot Framework: the connector a bot replies to
 * (`serviceUrl`), the OpenID metadata and keys that sign tokens sent to the bot, and the token
 * endpoint that gives the bot its own tokens. It records everything the bot sends.
 */
export interface TeamsActivity {
  /** The conversation without `;messageid=`. */
  conversation: string;
  /** Set when the activity was sent under a channel message (`;messageid=` or a reply). */
  threadOf: string | null;
  id: string;
  summary: string;
  text: string;
  card: Record<string, unknown> | null;
  versions: (Record<string, unknown> | null)[];
  authorization: string | null;
}

export type TeamsFailure = { status: number; retryAfter?: number };

export interface FakeTeams {
  serviceUrl: string;
  openIdMetadataUrl: string;
  tokenUrl: string;
  activities: TeamsActivity[];
  /** Every HTTP call the bot made: method, path, when, status. */
  calls: { method: string; path: string; at: number; status: number; authorization: string | null }[];
  tokensIssued: number;
  members: Map<string, { id: string; name: string; aadObjectId: string }>;
  fail(method: 'POST' | 'PUT', failure: TeamsFailure, count?: number): void;
  /** A Bot Framework token as the channel would send it, signed by the published key. */
  channelToken(claims: { aud: string; serviceUrl: string; iss?: string; expiresInS?: number }, signer?: KeyObject): string;
  /** A key nobody published: tokens it signs must be refused. */
  strangerKey: KeyObject;
  topLevel(conversation: string): TeamsActivity[];
  replies(parent: TeamsActivity): TeamsActivity[];
  waitFor<T>(find: () => T | undefined | null | false, timeoutMs?: number, what?: string): Promise<T>;
  close(): Promise<void>;
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export async function startFakeTeams(): Promise<FakeTeams> {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const kid = `test-${randomUUID().slice(0, 8)}`;
  const failures: { method: string; failure: TeamsFailure; left: number }[] = [];
  let seq = 0;
  let origin = '';

  const fake: FakeTeams = {
    serviceUrl: '', openIdMetadataUrl: '', tokenUrl: '',
    activities: [], calls: [], tokensIssued: 0, members: new Map(),
    strangerKey: stranger,
    fail: (method, failure, count = 1) => void failures.push({ method, failure, left: count }),
    channelToken({ aud, serviceUrl, iss = 'https://api.botframework.com', expiresInS = 3600 }, signer = privateKey) {
      const now = Math.floor(Date.now() / 1000);
      const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
      const payload = b64url(JSON.stringify({ iss, aud, serviceurl: serviceUrl, nbf: now - 60, iat: now - 60, exp: now + expiresInS }));
      return `${header}.${payload}.${b64url(sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), signer))}`;
    },
    topLevel: (conversation) => fake.activities.filter((a) => a.conversation === conversation && a.threadOf === null),
    replies: (parent) => fake.activities.filter((a) => a.threadOf === parent.id),
    async waitFor(find, timeoutMs = 10_000, what = 'condition') {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = find();
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`fake Teams: timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));

  function record(activity: Record<string, unknown>, conversationPath: string, replyTo: string | null, authorization: string | null): TeamsActivity {
    const [conversation, messageId] = conversationPath.split(';messageid=');
    const attachment = (activity.attachments as { content?: Record<string, unknown> }[] | undefined)?.[0];
    const card = attachment?.content ?? null;
    const entry: TeamsActivity = {
      conversation: conversation!, threadOf: messageId ?? replyTo, id: `act-${++seq}`, summary: String(activity.summary ?? ''), text: String(activity.text ?? ''),
      card, versions: [card], authorization,
    };
    fake.activities.push(entry);
    return entry;
  }

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', origin);
    const method = req.method ?? 'GET';
    const authorization = req.headers.authorization ?? null;
    const failure = failures.find((f) => f.left > 0 && f.method === method && url.pathname.startsWith('/v3/'));
    const done = (status: number) => fake.calls.push({ method, path: decodeURIComponent(url.pathname), at: Date.now(), status, authorization });
    if (failure) {
      failure.left--;
      done(failure.failure.status);
      return json(res, failure.failure.status, { error: { code: 'Throttled', message: 'fake failure' } }, failure.failure.retryAfter ? { 'retry-after': String(failure.failure.retryAfter) } : {});
    }
    done(200);
    if (url.pathname === '/openid') return json(res, 200, { issuer: 'https://api.botframework.com', jwks_uri: `${origin}/keys`, id_token_signing_alg_values_supported: ['RS256'] });
    if (url.pathname === '/keys') return json(res, 200, { keys: [{ ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', endorsements: ['msteams'] }] });
    if (url.pathname === '/token') {
      fake.tokensIssued++;
      return json(res, 200, { token_type: 'Bearer', expires_in: 3600, access_token: `bot-token-${fake.tokensIssued}` });
    }
    const parts = url.pathname.split('/').map(decodeURIComponent); // ['', 'v3', 'conversations', id, kind, sub]
    if (parts[1] === 'v3' && parts[2] === 'conversations') {
      const conversationPath = parts[3]!;
      if (parts[4] === 'members' && parts[5]) {
        const member = fake.members.get(parts[5]);
        return member ? json(res, 200, member) : json(res, 404, { error: { code: 'MemberNotFound' } });
      }
      if (parts[4] === 'activities') {
        const body = JSON.parse(raw || '{}') as Record<string, unknown>;
        if (method === 'POST') return json(res, 200, { id: record(body, conversationPath, parts[5] ?? null, authorization).id });
        if (method === 'PUT') {
          const found = fake.activities.find((a) => a.id === parts[5]);
          if (!found) return json(res, 404, { error: { code: 'ActivityNotFound' } });
          const attachment = (body.attachments as { content?: Record<string, unknown> }[] | undefined)?.[0];
          found.card = attachment?.content ?? null;
          found.summary = String(body.summary ?? found.summary);
          found.versions.push(found.card);
          return json(res, 200, { id: found.id });
        }
      }
    }
    json(res, 404, { error: { code: 'NotFound' } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.serviceUrl = `${origin}/`;
  fake.openIdMetadataUrl = `${origin}/openid`;
  fake.tokenUrl = `${origin}/token`;
  return fake;
}
