import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AddressInfo } from 'node:net';
import { createSlackFace } from '../../../src/adapters/slack/slack-face.ts';
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

  it('receives a slash command over a WebSocket from apps.connections.open and answers in the envelope ack', async () => {
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
    expect(face.mode).toBe('socket');
    expect(face.endpoint).toBeNull();
    await face.start();
    const open = slack.calls.find((c) => c.method === 'apps.connections.open')!;
    expect(open.token).toBe('xapp-1-test'); // the app-level token opens the connection, not the bot token
    await slack.waitFor(() => socket, 10_000, 'the WebSocket connection');

    socket!.send(JSON.stringify({
      envelope_id: 'env-1',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: { token: 'x', team_id: 'T1', team_domain: 'corp', channel_id: 'COPS', channel_name: 'ops', user_id: 'U1', user_name: 'u1', command: '/dirsync', text: 'help', api_app_id: 'A1', response_url: slack.newResponseUrl(), trigger_id: '1.2.3' },
    }));
    const ack = await slack.waitFor(() => acks.find((a) => a.envelope_id === 'env-1'), 10_000, 'the envelope ack');
    expect(ack.payload).toMatchObject({ response_type: 'ephemeral' });
    expect(shown(ack.payload as Record<string, unknown>)).toContain('/dirsync sync all');
  });
});
