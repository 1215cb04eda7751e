import { describe, expect, it } from 'vitest';
import type { App, ReceiverEvent } from '@slack/bolt';
import { HonoReceiver } from '../../../src/faces/slack/hono-receiver.ts';
import { verifySlackSignature } from '../../../src/faces/slack/verify-signature.ts';
import { signSlackRequest } from '../../support/slack-sign.ts';
import type { SeenRequests } from '../../../src/core/chat-ports.ts';
import { memoryLogger } from '../../support/context.ts';
import { backends } from '../../support/databases.ts';
import { useDatabase } from '../../support/suite.ts';

const secret = 'e3b0c44298fc1c149afbf4c8996fb924';
const now = new Date('2026-11-20T12:00:00Z');
const ts = Math.floor(now.getTime() / 1000);
const form = 'application/x-www-form-urlencoded';

function signed(body: string, contentType = form, at = ts) {
  return new Headers({ 'content-type': contentType, 'x-slack-request-timestamp': String(at), 'x-slack-signature': signSlackRequest(secret, at, body) });
}

/** A slash command as Slack posts it; each call is a new invocation (its own trigger_id), as in Slack. */
function commandBody(text: string, fields: Record<string, string> = {}) {
  return new URLSearchParams({
    token: 'x', team_id: 'T1', channel_id: 'COPS', user_id: 'U1', user_name: 'u1', command: '/dirsync', text,
    response_url: 'https://hooks.slack.com/commands/T1/1/abc', trigger_id: crypto.randomUUID(), ...fields,
  }).toString();
}

function clickBody(payload: Record<string, unknown> = {}) {
  return new URLSearchParams({
    payload: JSON.stringify({
      type: 'block_actions', trigger_id: crypto.randomUUID(), team: { id: 'T1' }, user: { id: 'U1', name: 'u1' }, channel: { id: 'C1' },
      actions: [{ type: 'button', action_id: 'dirsync.alert.sync', value: 'lab' }], ...payload,
    }),
  }).toString();
}

function eventBody(eventId: string) {
  return JSON.stringify({ type: 'event_callback', team_id: 'T1', api_app_id: 'A1', event_id: eventId, event_time: ts, event: { type: 'app_uninstalled' } });
}

/** A stand-in for Bolt's App: only processEvent is called by the receiver. */
function receiverWith(seen: SeenRequests, processEvent: (event: ReceiverEvent) => Promise<void>) {
  const log = memoryLogger();
  const receiver = new HonoReceiver({ signingSecret: secret, seen, log, now: () => now });
  receiver.init({ processEvent } as unknown as App);
  return { receiver, log };
}

describe('Slack request signatures (v0)', () => {
  it('accepts Slack\'s own documented example', async () => {
    // From Slack's "Verifying requests" guide.
    const body = 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    expect(await verifySlackSignature({ signingSecret: '8f742231b10e8888abcd99yyyzzz85a5', timestamp: '1531420618', signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503', rawBody: body, now: new Date(1531420618_000) })).toEqual({ ok: true });
  });

  it('refuses missing headers, a malformed or stale timestamp, and a wrong signature', async () => {
    const body = 'text=help';
    const check = (timestamp: string | undefined, signature: string | undefined, at = now) => verifySlackSignature({ signingSecret: secret, timestamp, signature, rawBody: body, now: at });
    expect(await check(undefined, 'v0=x')).toMatchObject({ ok: false, reason: expect.stringContaining('missing') });
    expect(await check('12a', 'v0=x')).toMatchObject({ ok: false, reason: 'malformed X-Slack-Request-Timestamp' });
    expect(await check(String(ts - 301), signSlackRequest(secret, ts - 301, body))).toMatchObject({ ok: false, reason: expect.stringContaining('stale') });
    expect(await check(String(ts + 301), signSlackRequest(secret, ts + 301, body))).toMatchObject({ ok: false, reason: expect.stringContaining('stale') });
    expect(await check(String(ts - 299), signSlackRequest(secret, ts - 299, body))).toEqual({ ok: true });
    expect(await check(String(ts), signSlackRequest('0'.repeat(32), ts, body))).toMatchObject({ ok: false, reason: expect.stringContaining('does not match') });
    expect(await check(String(ts), 'v0=short')).toMatchObject({ ok: false });
  });
});

describe.each(backends)('the Hono receiver ($name)', (backend) => {
  const db = useDatabase(backend);
  const seen = () => db.store.seenRequests;

  it('hands a verified command to Bolt and answers with what the listener acknowledged', async () => {
    const seenBodies: Record<string, unknown>[] = [];
    const { receiver } = receiverWith(seen(), async (event) => {
      seenBodies.push(event.body);
      await event.ack({ text: 'hi' });
    });
    const body = commandBody('list');
    const response = await receiver.handle(body, signed(body));
    expect(response).toEqual({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"text":"hi"}' });
    expect(seenBodies).toEqual([Object.fromEntries(new URLSearchParams(body))]);
  });

  it('parses interactivity payloads, and passes Slack retries on', async () => {
    const events: ReceiverEvent[] = [];
    const { receiver } = receiverWith(seen(), async (event) => {
      events.push(event);
      await event.ack();
    });
    const body = clickBody();
    const headers = signed(body);
    headers.set('x-slack-retry-num', '1');
    headers.set('x-slack-retry-reason', 'http_timeout');
    expect(await receiver.handle(body, headers)).toMatchObject({ status: 200, body: '' });
    expect(events[0]).toMatchObject({ body: { type: 'block_actions' }, retryNum: 1, retryReason: 'http_timeout' });
  });

  it('answers an empty 200 and logs when a listener never acknowledges; 500 when it throws first', async () => {
    const slow = receiverWith(seen(), () => new Promise(() => {}));
    const started = Date.now();
    const quiet = commandBody('list');
    expect(await slow.receiver.handle(quiet, signed(quiet))).toMatchObject({ status: 200, body: '' });
    expect(Date.now() - started).toBeLessThan(2_900);
    expect(slow.log.lines.map((l) => l.msg)).toContain('a Slack listener did not acknowledge in time; answered with an empty 200');
    const broken = receiverWith(seen(), async () => {
      throw new Error('boom');
    });
    const failing = commandBody('list');
    expect(await broken.receiver.handle(failing, signed(failing))).toMatchObject({ status: 500 });
  });

  it('refuses bad signatures and unreadable bodies before Bolt sees them', async () => {
    let called = false;
    const { receiver } = receiverWith(seen(), async () => {
      called = true;
    });
    expect(await receiver.handle('text=x', signed('text=y'))).toMatchObject({ status: 401 });
    expect(await receiver.handle('{nope', signed('{nope', 'application/json'))).toMatchObject({ status: 400 });
    expect(called).toBe(false);
  });

  it('refuses an exact replay with 401; a retry of a handled request gets an empty 200 and does not run again', async () => {
    const runs: unknown[] = [];
    const { receiver, log } = receiverWith(seen(), async (event) => {
      runs.push(event.body);
      await event.ack();
    });
    const body = commandBody('sync lab');
    const first = signed(body);
    expect(await receiver.handle(body, first)).toMatchObject({ status: 200 });
    const replay = await receiver.handle(body, first);
    expect(replay).toMatchObject({ status: 401, body: expect.stringContaining('replayed request') });
    // Slack's retry: the same body under a new timestamp and signature.
    const retry = signed(body, form, ts + 2);
    retry.set('x-slack-retry-num', '1');
    retry.set('x-slack-retry-reason', 'http_timeout');
    expect(await receiver.handle(body, retry)).toEqual({ status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: '' });
    // Re-signed without a retry header (only a holder of the secret can): the body still says it was handled.
    expect(await receiver.handle(body, signed(body, form, ts + 3))).toMatchObject({ status: 200, body: '' });
    // And a replay of the retry is a replay too.
    expect(await receiver.handle(body, retry)).toMatchObject({ status: 401 });
    expect(runs).toHaveLength(1);
    expect(log.lines.filter((l) => l.msg === 'refused a Slack request')).toHaveLength(2);
    expect(log.lines.map((l) => l.msg)).toContain('acknowledged a Slack retry of a request already handled');
    // A new invocation of the same command (its own trigger_id) runs: that is a person asking again.
    const again = commandBody('sync lab');
    expect(await receiver.handle(again, signed(again))).toMatchObject({ status: 200 });
    expect(runs).toHaveLength(2);
  });

  it('recognises a retried event by its event_id, whatever else the retry carries', async () => {
    const runs: unknown[] = [];
    const { receiver } = receiverWith(seen(), async (event) => {
      runs.push(event.body);
      await event.ack();
    });
    const eventId = `Ev${crypto.randomUUID().replaceAll('-', '').slice(0, 10).toUpperCase()}`;
    const body = eventBody(eventId);
    expect(await receiver.handle(body, signed(body, 'application/json'))).toMatchObject({ status: 200 });
    const retried = JSON.stringify({ ...JSON.parse(body), event_time: ts + 60 });
    const headers = signed(retried, 'application/json', ts + 60);
    headers.set('x-slack-retry-num', '2');
    expect(await receiver.handle(retried, headers)).toMatchObject({ status: 200, body: '' });
    expect(runs).toHaveLength(1);
    const other = eventBody(`${eventId}X`);
    expect(await receiver.handle(other, signed(other, 'application/json'))).toMatchObject({ status: 200 });
    expect(runs).toHaveLength(2);
  });

  it('runs a request once when two replicas receive it at the same time', async () => {
    let runs = 0;
    const replicas = [0, 1, 2].map(() => receiverWith(seen(), async (event) => {
      runs++;
      await event.ack();
    }).receiver);
    const body = commandBody('sync lab');
    const headers = signed(body);
    const answers = await Promise.all(replicas.map((r) => r.handle(body, headers)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401, 401]);
    expect(runs).toBe(1);
  });

  it('answers 503 and runs nothing when the replay store cannot be reached', async () => {
    let called = false;
    const down: SeenRequests = { remember: () => Promise.reject(new Error('connection refused')), prune: () => Promise.resolve(0) };
    const { receiver, log } = receiverWith(down, async () => {
      called = true;
    });
    const body = commandBody('sync lab');
    const response = await receiver.handle(body, signed(body));
    expect(response).toMatchObject({ status: 503, body: expect.stringContaining('its database did not answer') });
    expect(called).toBe(false);
    expect(log.lines.map((l) => l.msg)).toContain('could not check a Slack request against replays');
  });

  it('refuses signed but malformed payloads with 400 before Bolt sees them, saying what is wrong', async () => {
    let called = false;
    const { receiver, log } = receiverWith(seen(), async () => {
      called = true;
    });
    const cases: [string, string, string][] = [
      ['block_actions without user', clickBody({ user: undefined }), 'block_actions: user is missing'],
      ['block_actions without actions', clickBody({ actions: undefined }), 'block_actions: actions is missing'],
      ['block_actions with no action', clickBody({ actions: [] }), 'block_actions: actions'],
      ['block_actions without team', clickBody({ team: undefined }), 'block_actions: team is missing'],
      ['block_actions without a channel', clickBody({ channel: undefined }), 'names no channel'],
      ['a button without a value', clickBody({ actions: [{ type: 'button', action_id: 'dirsync.alert.sync' }] }), 'actions.0.value is missing'],
      ['a payload that is not JSON', new URLSearchParams({ payload: '{nope' }).toString(), 'unreadable request body'],
      ['a payload that is not an object', new URLSearchParams({ payload: '[1]' }).toString(), 'the payload is not an object'],
      ['an interaction dirsync does not handle', clickBody({ type: 'view_submission' }), 'unsupported type "view_submission"'],
      ['a type named like a built-in', clickBody({ type: 'constructor' }), 'unsupported type "constructor"'],
      ['a slash command without user_id', commandBody('list', { user_id: '' }), 'user_id must be a Slack member id'],
      ['a slash command without command', new URLSearchParams({ text: 'list', user_id: 'U1', channel_id: 'C1', team_id: 'T1', response_url: 'https://hooks.slack.com/x' }).toString(), 'slash command: command is missing'],
      ['a slash command without text', new URLSearchParams({ command: '/dirsync', user_id: 'U1', channel_id: 'C1', team_id: 'T1', response_url: 'https://hooks.slack.com/x' }).toString(), 'slash command: text is missing'],
      ['a slash command without team_id', commandBody('list', { team_id: '' }), 'team_id'],
      ['an event without event_id', JSON.stringify({ type: 'event_callback', team_id: 'T1', event: { type: 'app_uninstalled' } }), 'event_callback: event_id is missing'],
      ['an event without event', JSON.stringify({ type: 'event_callback', team_id: 'T1', event_id: 'Ev1' }), 'event_callback: event is missing'],
    ];
    for (const [what, body, reason] of cases) {
      const response = await receiver.handle(body, signed(body, body.startsWith('{') ? 'application/json' : form));
      expect(response.status, what).toBe(400);
      expect(response.body, what).toContain(reason);
    }
    expect(called).toBe(false);
    expect(log.lines.filter((l) => l.msg === 'refused a malformed Slack request')).toHaveLength(cases.length);
  });
});
