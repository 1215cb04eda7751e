import { describe, expect, it } from 'vitest';
import { requestDelete } from '../../../src/commands/integration/request-delete.ts';
import { expireApprovals } from '../../../src/commands/approval/internal.ts';
import { setAlertDestination } from '../../../src/commands/alert/set-destination.ts';
import { backends } from '../../support/databases.ts';
import { ALERT_CHANNEL, useSlackHarnesses, type SlackHarness } from '../../support/slack-harness.ts';
import { useDatabase } from '../../support/suite.ts';
import { addLab } from '../../support/sync.ts';

const NOWHERE = { url: 'ldap://127.0.0.1:1', service: { dn: 'cn=svc,dc=example,dc=org', password: 'x' }, baseDn: 'dc=example,dc=org' } as never;

describe.each(backends)('posting cards and alerts to Slack ($name)', (backend) => {
  const db = useDatabase(backend);
  const harnesses = useSlackHarnesses(() => db.store);
  async function harness(opts: Parameters<typeof harnesses.harness>[0] = {}): Promise<SlackHarness> {
    const h = await harnesses.harness({ workers: false, ...opts });
    await addLab(h.as('admin'), NOWHERE);
    return h;
  }
  const slackCtx = (h: SlackHarness, channel: string) => ({ ...h.as('operator', 'UOPS', 'slack'), origin: { platform: 'slack' as const, channel } });

  it('posts a card in the channel it was asked in, and in the alert channel when the bot is not there', async () => {
    const h = await harness();
    h.slack.fail('chat.postMessage', { error: 'not_in_channel' }, { channel: 'CPRIVATE' });
    await requestDelete({ ctx: slackCtx(h, 'CPRIVATE'), input: { name: 'lab' } });
    await h.drain();
    expect(h.slack.parents('CPRIVATE')).toEqual([]);
    expect(h.slack.parents(ALERT_CHANNEL)).toHaveLength(1);
    expect(await h.deps.store.chatMessages.find('slack', 'approval', (await h.deps.store.approvals.list(h.account.id, { limit: 1 }))[0]!.id)).toMatchObject([{ channel: ALERT_CHANNEL }]);
  });

  it('posts nothing where alerts are off, and says so in the log only when no channel at all would take it', async () => {
    const h = await harness({ alertChannel: null });
    await requestDelete({ ctx: h.as('operator'), input: { name: 'lab' } });
    await h.drain();
    expect(h.slack.calls.filter((c) => c.method === 'chat.postMessage')).toEqual([]);
    expect(h.deps.log.lines.filter((l) => l.msg.startsWith('Slack: an alert has no channel'))).toHaveLength(1);
    const withDefault = await harness();
    await setAlertDestination({ ctx: { ...withDefault.as('admin', 'UADMIN', 'slack'), origin: { platform: 'slack', channel: 'COPS' } }, input: { mode: 'off' } });
    await requestDelete({ ctx: withDefault.as('operator'), input: { name: 'lab' } });
    await withDefault.drain();
    expect(withDefault.slack.calls.filter((c) => c.method === 'chat.postMessage')).toEqual([]); // off beats SLACK_ALERT_CHANNEL
    expect(withDefault.deps.log.lines.filter((l) => l.msg.startsWith('Slack: an alert has no channel'))).toEqual([]);
  });

  it('posts the card again when its message was deleted, and gives up on a refusal without retrying forever', async () => {
    const h = await harness();
    const { request } = await requestDelete({ ctx: slackCtx(h, 'COPS'), input: { name: 'lab' } });
    await h.drain();
    const [card] = h.slack.parents('COPS');
    h.slack.messages.splice(h.slack.messages.indexOf(card!), 1); // someone deleted it in Slack
    await h.deps.store.transaction((tx) => expireApprovals(tx, new Date(Date.now() + 25 * 3_600_000), h.account.id));
    // The update finds the message gone and the card is posted again; on a busy machine that can
    // take the dispatcher more than one pass, so drain until it has (bounded by the poll).
    await expect.poll(async () => (await h.drain(), h.slack.parents('COPS')[0]?.text), { timeout: 20_000, interval: 100 }).toMatch(/^⌛ Expired/);
    const [again] = h.slack.parents('COPS');
    expect((await h.deps.store.chatMessages.find('slack', 'approval', request.id))[0]!.messageId).toBe(again!.ts);

    h.slack.fail('chat.postMessage', { error: 'invalid_auth' }, { count: 5 });
    const posts = () => h.slack.calls.filter((c) => c.method === 'chat.postMessage').length;
    const before = posts();
    await requestDelete({ ctx: slackCtx(h, 'COPS'), input: { name: 'lab' } });
    await h.drain();
    expect(posts() - before).toBe(1); // one try, then given up: Slack said no, not "later"
    expect(h.deps.log.lines.some((l) => l.msg === 'Slack refused a notification')).toBe(true);
  });
});
