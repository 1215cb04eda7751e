import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AddressInfo } from 'node:net';
import { BUTTONS } from '../../../src/presenters/buttons.ts';
import { createSlackFace } from '../../../src/faces/slack/slack-face.ts';
import { testAccount, testDeps } from '../../support/context.ts';
import { backends } from '../../support/databases.ts';
import { startFakeSlack } from '../../support/slack-api.ts';
import { shown } from '../../support/slack-harness.ts';
import { useDatabase } from '../../support/suite.ts';

describe('Socket Mode', () => {
  const db = useDatabase(backends[0]!);
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const stop of cleanup.splice(0).reverse()) await stop();
  });

  /** A Slack face in Socket Mode, connected to a local WebSocket that plays Slack's side. */
  async function connect() {
    const slack = await startFakeSlack();
    cleanup.push(() => slack.close());
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    cleanup.push(() => new Promise((resolve) => wss.close(resolve)));
    await new Promise((resolve) => wss.once('listening', resolve));
    slack.socketUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link/?ticket=t1`;
    const acks: Record<string, unknown>[] = [];
    let socket: WebSocket | null = null;
    wss.on('connection', (ws) => {
      socket = ws;
      ws.on('message', (data) => acks.push(JSON.parse(String(data)) as Record<string, unknown>));
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A1' }, debug_info: { host: 'fake' } }));
    });

    const deps = testDeps(db.store);
    const { account } = await testAccount(db.store, deps);
    const face = createSlackFace({
      deps, accountId: account.id, log: deps.log, owner: 'socket-test', dispatchPollMs: 50,
      config: { botToken: 'xoxb-test-token', signingSecret: null, appToken: 'xapp-1-test', alertChannel: null, apiUrl: slack.apiUrl },
    });
    cleanup.push(() => face.stop());
    await face.start();
    await slack.waitFor(() => socket, 10_000, 'the WebSocket connection');
    const command = (envelope: string, text: string) => ({
      envelope_id: envelope, type: 'slash_commands', accepts_response_payload: true,
      payload: { token: 'x', team_id: 'T1', team_domain: 'corp', channel_id: 'COPS', channel_name: 'ops', user_id: 'U1', user_name: 'u1', command: '/dirsync', text, api_app_id: 'A1', response_url: slack.newResponseUrl(), trigger_id: '1.2.3' },
    });
    return { slack, face, deps, account, acks, send: (message: unknown) => socket!.send(typeof message === 'string' ? message : JSON.stringify(message)), command };
  }

  it('receives a slash command over a WebSocket from apps.connections.open and answers in the envelope ack', async () => {
    const { slack, face, acks, send, command } = await connect();
    expect(face.mode).toBe('socket');
    expect(face.endpoint).toBeNull();
    const open = slack.calls.find((c) => c.method === 'apps.connections.open')!;
    expect(open.token).toBe('xapp-1-test'); // the app-level token opens the connection, not the bot token

    send(command('env-1', 'help'));
    const ack = await slack.waitFor(() => acks.find((a) => a.envelope_id === 'env-1'), 10_000, 'the envelope ack');
    expect(ack.payload).toMatchObject({ response_type: 'ephemeral' });
    expect(shown(ack.payload as Record<string, unknown>)).toContain('/dirsync sync all');
  });

  it('ignores malformed messages with a warning: nothing runs, nothing crashes, the connection keeps working', async () => {
    const { slack, deps, account, acks, send, command } = await connect();
    const click = { type: 'block_actions', team: { id: 'T1' }, channel: { id: 'C1' }, actions: [{ type: 'button', action_id: BUTTONS.syncNow.slack, value: 'lab' }] };
    const malformed: unknown[] = [
      { envelope_id: 'bad-1', type: 'events_api', payload: { type: 'event_callback', team_id: 'T1', event_id: 'Ev1' } }, // no event
      { envelope_id: 'bad-2', type: 'events_api', payload: null },
      { envelope_id: 'bad-3', type: 'interactive', payload: click }, // no user
      { envelope_id: 'bad-4', type: 'interactive', payload: { ...click, user: { id: 'U1' }, type: 'view_submission' } },
      { envelope_id: 'bad-5', type: 'slash_commands', payload: { ...command('x', 'list').payload, user_id: undefined } },
      { envelope_id: 'bad-6', type: 'slash_commands', payload: { ...click, user: { id: 'U1' } } }, // a click in a command envelope
      { envelope_id: 'bad-7', type: 'something_new', payload: {} },
      { type: 'events_api', payload: {} },
      'null',
      '[1, 2]',
      '{not json',
    ];
    for (const message of malformed) send(message);
    send(command('good-1', 'list'));
    await slack.waitFor(() => acks.find((a) => a.envelope_id === 'good-1'), 10_000, 'the ack of the well-formed command after them');
    expect(acks.map((a) => a.envelope_id)).toEqual(['good-1']);
    const warnings = deps.log.lines.filter((l) => l.msg === 'ignored a malformed Slack Socket Mode message');
    expect(warnings).toHaveLength(malformed.length);
    expect(warnings[0]!.fields).toMatchObject({ envelope: 'bad-1', type: 'events_api', reason: 'event_callback: event is missing' });
    expect(warnings[2]!.fields).toMatchObject({ envelope: 'bad-3', reason: 'block_actions: user is missing' });
    expect(deps.log.lines.filter((l) => l.level === 'error')).toEqual([]);
    expect(await deps.store.audit.list({ accountId: account.id, limit: 10 })).toEqual([]);
    expect(slack.calls.map((c) => c.method)).toEqual(['auth.test', 'apps.connections.open']);
  });

  it('applies no replay check where there is no signature: the same command twice is answered twice, and nothing is remembered', async () => {
    const { slack, acks, send, command } = await connect();
    const twice = command('env-a', 'help');
    send(twice);
    send({ ...twice, envelope_id: 'env-b' });
    await slack.waitFor(() => acks.find((a) => a.envelope_id === 'env-b') && acks.find((a) => a.envelope_id === 'env-a'), 10_000, 'both acks');
    expect(acks.filter((a) => shown(a.payload as Record<string, unknown>).includes('/dirsync sync all'))).toHaveLength(2);
    expect(await db.store.seenRequests.prune(new Date(Date.now() + 86_400_000))).toBe(0);
  });
});
