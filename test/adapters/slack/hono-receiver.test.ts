import { describe, expect, it } from 'vitest';
import type { App, ReceiverEvent } from '@slack/bolt';
import { HonoReceiver } from '../../../src/adapters/slack/hono-receiver.ts';
import { signSlackRequest, verifySlackSignature } from '../../../src/adapters/slack/verify-signature.ts';
import { memoryLogger } from '../../support/context.ts';

const secret = 'e3b0c44298fc1c149afbf4c8996fb924';
const now = new Date('2026-11-20T12:00:00Z');
const ts = Math.floor(now.getTime() / 1000);

function signed(body: string, contentType = 'application/x-www-form-urlencoded', at = ts) {
  return new Headers({ 'content-type': contentType, 'x-slack-request-timestamp': String(at), 'x-slack-signature': signSlackRequest(secret, at, body) });
}

/** A stand-in for Bolt's App: only processEvent is called by the receiver. */
function receiverWith(processEvent: (event: ReceiverEvent) => Promise<void>) {
  const log = memoryLogger();
  const receiver = new HonoReceiver({ signingSecret: secret, log, now: () => now });
  receiver.init({ processEvent } as unknown as App);
  return { receiver, log };
}

describe('Slack request signatures (v0)', () => {
  it('accepts Slack\'s own documented example', () => {
    // From Slack's "Verifying requests" guide.
    const body = 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    expect(verifySlackSignature({ signingSecret: '8f742231b10e8888abcd99yyyzzz85a5', timestamp: '1531420618', signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503', rawBody: body, now: new Date(1531420618_000) })).toEqual({ ok: true });
  });

  it('refuses missing headers, a malformed or stale timestamp, and a wrong signature', () => {
    const body = 'text=help';
    const check = (timestamp: string | undefined, signature: string | undefined, at = now) => verifySlackSignature({ signingSecret: secret, timestamp, signature, rawBody: body, now: at });
    expect(check(undefined, 'v0=x')).toMatchObject({ ok: false, reason: expect.stringContaining('missing') });
    expect(check('12a', 'v0=x')).toMatchObject({ ok: false, reason: 'malformed X-Slack-Request-Timestamp' });
    expect(check(String(ts - 301), signSlackRequest(secret, ts - 301, body))).toMatchObject({ ok: false, reason: expect.stringContaining('stale') });
    expect(check(String(ts + 301), signSlackRequest(secret, ts + 301, body))).toMatchObject({ ok: false, reason: expect.stringContaining('stale') });
    expect(check(String(ts - 299), signSlackRequest(secret, ts - 299, body))).toEqual({ ok: true });
    expect(check(String(ts), signSlackRequest('0'.repeat(32), ts, body))).toMatchObject({ ok: false, reason: expect.stringContaining('does not match') });
    expect(check(String(ts), 'v0=short')).toMatchObject({ ok: false });
  });
});

describe('the Hono receiver', () => {
  it('hands a verified command to Bolt and answers with what the listener acknowledged', async () => {
    const seen: Record<string, unknown>[] = [];
    const { receiver } = receiverWith(async (event) => {
      seen.push(event.body);
      await event.ack({ text: 'hi' });
    });
    const body = 'command=%2Fdirsync&text=list&user_id=U1';
    const response = await receiver.handle(body, signed(body));
    expect(response).toEqual({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"text":"hi"}' });
    expect(seen).toEqual([{ command: '/dirsync', text: 'list', user_id: 'U1' }]);
  });

  it('parses interactivity payloads, and passes Slack retries on', async () => {
    const events: ReceiverEvent[] = [];
    const { receiver } = receiverWith(async (event) => {
      events.push(event);
      await event.ack();
    });
    const body = new URLSearchParams({ payload: JSON.stringify({ type: 'block_actions', actions: [] }) }).toString();
    const headers = signed(body);
    headers.set('x-slack-retry-num', '1');
    headers.set('x-slack-retry-reason', 'http_timeout');
    expect(await receiver.handle(body, headers)).toMatchObject({ status: 200, body: '' });
    expect(events[0]).toMatchObject({ body: { type: 'block_actions' }, retryNum: 1, retryReason: 'http_timeout' });
  });

  it('answers an empty 200 and logs when a listener never acknowledges; 500 when it throws first', async () => {
    const slow = receiverWith(() => new Promise(() => {}));
    const started = Date.now();
    expect(await slow.receiver.handle('text=x', signed('text=x'))).toMatchObject({ status: 200, body: '' });
    expect(Date.now() - started).toBeLessThan(2_900);
    expect(slow.log.lines.map((l) => l.msg)).toContain('a Slack listener did not acknowledge in time; answered with an empty 200');
    const broken = receiverWith(async () => {
      throw new Error('boom');
    });
    expect(await broken.receiver.handle('text=x', signed('text=x'))).toMatchObject({ status: 500 });
  });

  it('refuses bad signatures and unreadable bodies before Bolt sees them', async () => {
    let called = false;
    const { receiver } = receiverWith(async () => {
      called = true;
    });
    expect(await receiver.handle('text=x', signed('text=y'))).toMatchObject({ status: 401 });
    expect(await receiver.handle('{nope', signed('{nope', 'application/json'))).toMatchObject({ status: 400 });
    expect(called).toBe(false);
  });
});
