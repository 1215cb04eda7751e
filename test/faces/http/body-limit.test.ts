import { describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.ts';
import { testApp } from '../../support/app.ts';
import { addWebUser } from '../../../src/commands/web-user/add.ts';
import { issueSetupToken } from '../../../src/commands/session/issue-setup-link.ts';
import { testAccount } from '../../support/context.ts';
import { dashboardHarness, ORIGIN, PASSWORD } from '../../support/dashboard.ts';
import { backends } from '../../support/databases.ts';
import { useDatabase } from '../../support/suite.ts';

const KiB = 1024;
const MiB = 1024 * KiB;
const CHUNK = 8 * KiB;

/** A request body that is produced only as it is read, and says how much was read. */
function offered(bytes: Uint8Array | number) {
  const source = typeof bytes === 'number' ? null : bytes;
  const total = source?.length ?? (bytes as number);
  const read = { bytes: 0 };
  // highWaterMark 0: nothing is produced ahead of a read.
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (read.bytes >= total) return controller.close();
        const size = Math.min(CHUNK, total - read.bytes);
        controller.enqueue(source ? source.slice(read.bytes, read.bytes + size) : new Uint8Array(size).fill(0x61));
        read.bytes += size;
      },
    },
    { highWaterMark: 0 },
  );
  return { body, read, total };
}

/** A POST of that body, chunked (no length) or with its Content-Length. */
const post = (app: App, path: string, body: ReturnType<typeof offered>, how: 'chunked' | 'content-length', headers: Record<string, string> = {}) =>
  app.request(`${ORIGIN}${path}`, {
    method: 'POST',
    body: body.body,
    duplex: 'half',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(how === 'content-length' && { 'content-length': String(body.total) }), ...headers },
  } as RequestInit);

/** A bot endpoint that records the bodies it was handed. */
const recorder = () => {
  const bodies: number[] = [];
  return { bodies, handle: async (raw: string) => (bodies.push(raw.length), { status: 200, headers: {}, body: 'ok' }) };
};

describe.each(backends)('request body limits ($name)', (backend) => {
  const db = useDatabase(backend);

  it('refuses a sign-in form over 64 KiB with 413, chunked or by Content-Length, and signs nobody in; one just below passes', async () => {
    const h = await dashboardHarness(db.store);
    await addWebUser({ ctx: h.as('admin'), input: { login: 'alice', role: 'operator', password: PASSWORD } });
    const b = h.browser();
    await b.load('/login');
    const form = (bytes: number) => {
      const fields = new URLSearchParams({ _csrf: b.csrf, login: 'alice', password: PASSWORD, padding: '' }).toString();
      return new TextEncoder().encode(fields + 'x'.repeat(bytes - fields.length));
    };
    const cookie = [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const headers = { cookie, origin: ORIGIN, 'sec-fetch-site': 'same-origin' };
    for (const how of ['chunked', 'content-length'] as const) {
      const res = await post(h.app, '/login', offered(form(64 * KiB + 1)), how, headers);
      expect(res.status, how).toBe(413);
      expect(res.headers.get('connection')).toBe('close');
      expect(await res.text()).toMatch(/^This request's body is larger than the 64 KiB that POST \/login accepts, so it was not read and nothing changed\./);
      expect(res.headers.getSetCookie().some((c) => c.includes('dirsync_session'))).toBe(false);
    }
    expect(await h.deps.store.audit.list({ accountId: h.account.id, action: 'session.sign_in', limit: 5 })).toEqual([]);
    const fits = await post(h.app, '/login', offered(form(64 * KiB)), 'chunked', headers);
    expect([fits.status, fits.headers.get('location')]).toEqual([303, '/']);
  });

  it('stops reading a chunked body as soon as it passes the limit, and reads none of one whose Content-Length is over it', async () => {
    const h = await dashboardHarness(db.store);
    const link = (await issueSetupToken(h.deps, h.account.id))!;
    const slack = recorder();
    const teams = recorder();
    const app = testApp({ deps: h.deps, accountId: h.account.id, slack, teams });
    const routes = [
      ['/login', 64 * KiB],
      [`/setup/${link.token}`, 64 * KiB],
      ['/integrations', 64 * KiB],
      ['/logout', 64 * KiB],
      ['/slack/events', MiB],
      ['/api/messages', MiB],
    ] as const;
    for (const [path, limit] of routes) {
      const endless = offered(200 * MiB);
      const streamed = await post(app, path, endless, 'chunked');
      expect([path, streamed.status], 'chunked').toEqual([path, 413]);
      expect(endless.read.bytes, path).toBeGreaterThan(limit);
      expect(endless.read.bytes, path).toBeLessThanOrEqual(limit + 2 * CHUNK);

      const declared = offered(limit + 1);
      const refused = await post(app, path, declared, 'content-length');
      expect([path, refused.status], 'content-length').toEqual([path, 413]);
      expect(declared.read.bytes, path).toBe(0);
    }
    expect([slack.bodies, teams.bodies]).toEqual([[], []]);
    expect(await h.deps.store.webUsers.count(h.account.id)).toBe(0);
  });

  it('hands Slack and Teams bodies of up to 1 MiB, chunked or not, to their endpoints', async () => {
    const { deps, account } = await testAccount(db.store);
    const slack = recorder();
    const teams = recorder();
    const app = testApp({ deps, accountId: account.id, slack, teams });
    for (const how of ['chunked', 'content-length'] as const) {
      expect((await post(app, '/slack/events', offered(MiB), how)).status).toBe(200);
      expect((await post(app, '/api/messages', offered(MiB), how, { 'content-type': 'application/json' })).status).toBe(200);
    }
    expect([slack.bodies, teams.bodies]).toEqual([[MiB, MiB], [MiB, MiB]]);
  });
});
