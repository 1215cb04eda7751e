import { describe, expect, it } from 'vitest';
import { BUTTONS } from '../../../src/presenters/buttons.ts';
import { updateAccount } from '../../../src/commands/account/update.ts';
import { expireApprovals } from '../../../src/commands/approval/internal.ts';
import { describeSlapd } from '../../harness/directories.ts';
import { backends } from '../../support/databases.ts';
import { ALERT_CHANNEL, shown, useSlackHarnesses, type SlackHarness } from '../../support/slack-harness.ts';
import { useDatabase } from '../../support/suite.ts';
import { addLab, syncNow } from '../../support/sync.ts';

const buttons = (m: { blocks: Record<string, unknown>[] }) =>
  m.blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements as { action_id: string; value: string; style?: string; confirm?: unknown }[]);

describe.each(backends)('approvals in Slack ($name)', (backend) => {
  const db = useDatabase(backend);
  const { harness, directory } = useSlackHarnesses(() => db.store);
  async function setup(): Promise<SlackHarness & Pick<Awaited<ReturnType<typeof directory>>, 'info' | 'admin'>> {
    // No background worker: syncNow runs each sync in the test, so nothing races it.
    const h = await harness({ workers: false });
    const dir = await directory();
    await updateAccount({ ctx: h.as('admin'), input: { deletionThresholdPercent: 100 } });
    await addLab(h.as('admin'), dir.info);
    await syncNow(h.as('operator'), 'lab');
    await h.role('UANN', 'admin');
    await h.role('UBEN', 'admin');
    await h.role('UOPS', 'operator');
    return { ...h, info: dir.info, admin: dir.admin };
  }

  describeSlapd('with a directory', () => {
    it('delete → the requester cannot approve → a second admin approves: deleted, and the card says so without buttons', async () => {
      const h = await setup();
      const asked = await h.command({ text: 'delete lab', user: 'UANN', channel: 'COPS' });
      expect(asked.ack).toMatchObject({ response_type: 'in_channel' });
      expect(shown(asked.ack)).toMatch(/Deletion of \*lab\* requested as #\d+/);
      const card = await h.slack.waitFor(() => h.slack.parents('COPS').find((m) => m.text.includes('Approval #')), 10_000, 'the approval card');
      const [approve, reject] = buttons(card);
      expect(approve).toMatchObject({ action_id: BUTTONS.approve.slack, style: 'danger', confirm: expect.any(Object) });
      expect(reject).toMatchObject({ action_id: BUTTONS.reject.slack, value: approve!.value });
      expect(shown(card)).toContain(`${h.info.users.length} users`);

      // The requester clicks Approve: refused only to them, nothing changes.
      const own = await h.click({ actionId: BUTTONS.approve.slack, value: approve!.value, user: 'UANN', channel: 'COPS', messageTs: card.ts });
      expect(own.response.status).toBe(200);
      const refusal = await h.slack.waitFor(() => own.fromResponseUrl()[0], 10_000, 'the refusal');
      expect(refusal.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
      expect(shown(refusal.body)).toContain('four-eyes');
      expect((await h.deps.store.integrations.findByName(h.account.id, 'lab'))).not.toBeNull();
      // An operator may not approve at all.
      const operator = await h.click({ actionId: BUTTONS.approve.slack, value: approve!.value, user: 'UOPS', channel: 'COPS', messageTs: card.ts });
      expect(shown((await h.slack.waitFor(() => operator.fromResponseUrl()[0]))!.body)).toContain('needs the admin role');
      expect(card.versions).toHaveLength(1);

      await h.click({ actionId: BUTTONS.approve.slack, value: approve!.value, user: 'UBEN', channel: 'COPS', messageTs: card.ts });
      await h.slack.waitFor(() => card.text.startsWith('✅ Approved by <@UBEN>'), 10_000, 'the card to be re-rendered');
      expect(buttons(card)).toEqual([]);
      expect(await h.deps.store.integrations.findByName(h.account.id, 'lab')).toBeNull();
      const reply = await h.slack.waitFor(() => h.slack.replies(card)[0], 10_000, 'the thread reply');
      expect(reply.text).toContain('Approved by <@UBEN>');

      // A late click on a settled request changes nothing and says why.
      const late = await h.click({ actionId: BUTTONS.reject.slack, value: approve!.value, user: 'UBEN', channel: 'COPS', messageTs: card.ts });
      expect(shown((await h.slack.waitFor(() => late.fromResponseUrl()[0]))!.body)).toContain('already approved by slack:UBEN');
    });

    it('a rejection and an expiry re-render the card without buttons; the command works like the button', async () => {
      const h = await setup();
      await h.command({ text: 'delete lab', user: 'UOPS', channel: 'COPS' });
      const card = await h.slack.waitFor(() => h.slack.parents('COPS').find((m) => m.text.includes('Approval #')));
      const id = buttons(card)[0]!.value;
      const rejected = await h.command({ text: `reject #${id} keep it for the audit`, user: 'UANN' });
      expect(shown(rejected.ack)).toContain('Rejected');
      await h.slack.waitFor(() => card.text.startsWith('❌ Rejected by <@UANN>'), 10_000, 'the rejected card');
      expect(shown(card)).toContain('keep it for the audit');
      expect(buttons(card)).toEqual([]);

      await h.command({ text: 'delete lab', user: 'UOPS', channel: 'COPS' });
      const second = await h.slack.waitFor(() => h.slack.parents('COPS').find((m) => m !== card && m.text.includes('Approval #')));
      // The scheduler settles expired requests: a day later, the card says it expired.
      await h.deps.store.transaction((tx) => expireApprovals(tx, new Date(Date.now() + 25 * 3_600_000), h.account.id));
      await h.slack.waitFor(() => second.text.startsWith('⌛ Expired'), 10_000, 'the expired card');
      expect(buttons(second)).toEqual([]);
      expect(await h.deps.store.integrations.findByName(h.account.id, 'lab')).not.toBeNull();
    });

    it('a batch over the threshold from a scheduled run posts its card in the alert channel', async () => {
      const h = await setup();
      await updateAccount({ ctx: h.as('admin'), input: { deletionThresholdCount: 2 } });
      const engineering = h.info.groups.find((g) => g.name === 'engineering')!;
      await h.admin.replace(engineering.dn, 'member', [engineering.members[0]!]);
      const run = await syncNow(h.as('operator'), 'lab');
      expect(run.destructive!.awaitingApproval).toBeGreaterThan(1);
      const card = await h.slack.waitFor(() => h.slack.parents(ALERT_CHANNEL).find((m) => m.text.includes(`Approval #${run.approvalRequestId}`)), 10_000, 'the batch card');
      expect(shown(card)).toContain(`sync #${run.id}`);
      const approved = await h.command({ text: `approve ${run.approvalRequestId}`, user: 'UANN', channel: 'COPS' });
      expect(approved.ack).toMatchObject({ response_type: 'in_channel' });
      expect(shown(approved.ack)).toContain('group removal');
      await h.slack.waitFor(() => card.text.startsWith('✅ Approved by <@UANN>'), 10_000, 'the approved batch card');
    });
  });
});
