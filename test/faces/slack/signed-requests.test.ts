import { describe, expect, it } from 'vitest';
import { BUTTONS } from '../../../src/presenters/buttons.ts';
import { backends } from '../../support/databases.ts';
import { postSigned, slashCommandBody } from '../../support/slack-requests.ts';
import { SIGNING_SECRET, useSlackHarnesses, type SlackHarness } from '../../support/slack-harness.ts';
import { useDatabase } from '../../support/suite.ts';
import { addLab } from '../../support/sync.ts';

const form = 'application/x-www-form-urlencoded';
const unreachable = { url: 'ldap://127.0.0.1:1', service: { dn: 'cn=svc,dc=example,dc=org', password: 'x' }, baseDn: 'dc=example,dc=org' } as never;

describe.each(backends)('signed Slack requests are run once, and only when well formed ($name)', (backend) => {
  const db = useDatabase(backend);
  const { harness } = useSlackHarnesses(() => db.store);
  async function setup(): Promise<SlackHarness> {
    // No worker: a queued run stays queued, so every `sync` that runs shows as its own audit row.
    const h = await harness({ workers: false });
    await addLab(h.as('admin'), unreachable);
    await h.role('UOPS', 'operator');
    return h;
  }
  const syncs = async (h: SlackHarness) => (await h.deps.store.audit.list({ accountId: h.account.id, action: 'sync.request', limit: 10 })).length;

  it('a replayed `sync` is refused with 401; Slack\'s retry of it is acknowledged with 200 and not run again', async () => {
    const h = await setup();
    const { body } = slashCommandBody(h.slack, { text: 'sync lab', user: 'UOPS' });
    const timestamp = Math.floor(Date.now() / 1000);
    const first = await postSigned(h.app, body, form, { secret: SIGNING_SECRET, timestamp });
    expect(first.status).toBe(200);
    expect(await syncs(h)).toBe(1);

    for (let i = 0; i < 2; i++) {
      const replay = await postSigned(h.app, body, form, { secret: SIGNING_SECRET, timestamp });
      expect(replay.status).toBe(401);
      expect(await replay.text()).toContain('replayed request');
    }
    const retry = await postSigned(h.app, body, form, { secret: SIGNING_SECRET, timestamp: timestamp + 1, headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(retry.status).toBe(200);
    expect(await retry.text()).toBe('');

    expect(await syncs(h)).toBe(1);
    const lab = (await h.deps.store.integrations.findByName(h.account.id, 'lab'))!;
    expect(await h.deps.store.runs.history(lab.id, 10)).toHaveLength(1);
    // The person asking again is a new request (Slack gives it its own trigger_id): it runs.
    expect((await h.command({ text: 'sync lab', user: 'UOPS' })).response.status).toBe(200);
    expect(await syncs(h)).toBe(2);
  });

  it('a replayed button click is refused and changes nothing more', async () => {
    const h = await setup();
    await h.role('UADM', 'admin');
    const lab = (await h.deps.store.integrations.findByName(h.account.id, 'lab'))!;
    await h.command({ text: 'disable lab', user: 'UADM' });
    const payload = {
      type: 'block_actions', trigger_id: '9.8.7', team: { id: 'T1' }, user: { id: 'UADM', name: 'uadm' }, channel: { id: 'CALERTS' },
      container: { type: 'message', message_ts: '1700000000.000100', channel_id: 'CALERTS' }, response_url: h.slack.newResponseUrl(),
      actions: [{ type: 'button', action_id: BUTTONS.enableIntegration.slack, block_id: 'b1', value: 'lab', action_ts: '1.2' }],
    };
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const timestamp = Math.floor(Date.now() / 1000);
    expect((await postSigned(h.app, body, form, { secret: SIGNING_SECRET, timestamp })).status).toBe(200);
    for (let i = 0; (await h.deps.store.integrations.findById(lab.id))!.state !== 'enabled'; i++) {
      if (i > 500) throw new Error('the click never enabled lab');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await h.command({ text: 'disable lab', user: 'UADM' });
    expect((await postSigned(h.app, body, form, { secret: SIGNING_SECRET, timestamp })).status).toBe(401);
    expect((await h.deps.store.integrations.findById(lab.id))!.state).toBe('disabled');
  });

  it('malformed but signed payloads get 400 and leave no trace: no audit row, no command, no Slack call', async () => {
    const h = await setup();
    const before = await h.deps.store.audit.list({ accountId: h.account.id, limit: 50 });
    const click = (payload: Record<string, unknown>) =>
      new URLSearchParams({ payload: JSON.stringify({ type: 'block_actions', team: { id: 'T1' }, user: { id: 'UOPS' }, channel: { id: 'CALERTS' }, actions: [{ type: 'button', action_id: BUTTONS.syncNow.slack, value: 'lab' }], ...payload }) }).toString();
    const command = (fields: Record<string, string>) => new URLSearchParams({ ...Object.fromEntries(new URLSearchParams(slashCommandBody(h.slack, { text: 'sync lab', user: 'UOPS' }).body)), ...fields }).toString();
    const without = (field: string) => {
      const params = new URLSearchParams(slashCommandBody(h.slack, { text: 'sync lab', user: 'UOPS' }).body);
      params.delete(field);
      return params.toString();
    };
    const bodies: Record<string, string> = {
      'Sync now without user': click({ user: undefined }),
      'Sync now without actions': click({ actions: undefined }),
      'Sync now without team': click({ team: undefined }),
      'a non-JSON payload': new URLSearchParams({ payload: 'sync lab' }).toString(),
      'an unknown type': click({ type: 'message_action' }),
      'a command without user_id': without('user_id'),
      'a command without command': without('command'),
      'a command without text': without('text'),
      'a command with an odd user_id': command({ user_id: 'undefined' }),
    };
    for (const [what, body] of Object.entries(bodies)) {
      const response = await postSigned(h.app, body, form, { secret: SIGNING_SECRET });
      expect(response.status, what).toBe(400);
      expect(await response.text(), what).toMatch(/^malformed Slack request: /);
    }
    await new Promise((resolve) => setTimeout(resolve, 200)); // anything started in the background would have shown by now
    expect(await h.deps.store.audit.list({ accountId: h.account.id, limit: 50 })).toEqual(before);
    expect(await syncs(h)).toBe(0);
    expect(h.slack.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
    expect(h.slack.responses).toEqual([]);
    expect(h.deps.log.lines.filter((l) => l.msg === 'refused a malformed Slack request')).toHaveLength(Object.keys(bodies).length);
    expect(h.deps.log.lines.filter((l) => l.level === 'error')).toEqual([]);
  });
});
