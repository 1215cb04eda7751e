import { describe, expect, it } from 'vitest';
import { BUTTONS } from '../../../src/presenters/buttons.ts';
import { createScheduler } from '../../../src/faces/jobs/scheduler.ts';
import { addIntegration } from '../../../src/commands/integration/add.ts';
import { disableIntegration } from '../../../src/commands/integration/disable.ts';
import { updateAccount } from '../../../src/commands/account/update.ts';
import { updateIntegration } from '../../../src/commands/integration/update.ts';
import { checklistFor } from '../../../src/core/failures.ts';
import { describeSamba, describeSlapd, sambaInfo } from '../../harness/directories.ts';
import { backends } from '../../support/databases.ts';
import type { FakeMessage } from '../../support/slack-api.ts';
import { ALERT_CHANNEL, shown, useSlackHarnesses, type SlackHarness } from '../../support/slack-harness.ts';
import { useDatabase } from '../../support/suite.ts';
import { addLab, syncNow } from '../../support/sync.ts';

const buttons = (m: FakeMessage) => m.blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements as { action_id: string; value: string }[]);
const HOUR = 3_600_000;

describe.each(backends)('alerts and warnings in Slack ($name)', (backend) => {
  const db = useDatabase(backend);
  const { harness, directory } = useSlackHarnesses(() => db.store);
  /** The scheduler as the server runs it, ticking at a chosen time. */
  const scheduler = (h: SlackHarness) => createScheduler({ deps: h.deps, intervalMs: 60_000, catchUpMs: 5 * 60_000 });
  const runsOf = async (h: SlackHarness, name: string) => h.deps.store.runs.history((await h.deps.store.integrations.findByName(h.account.id, name))!.id, 10);
  /** Waits until `count` runs of the integration have finished; returns the latest. */
  async function settled(h: SlackHarness, name: string, count: number) {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const runs = await runsOf(h, name);
      if (runs.filter((r) => r.status === 'succeeded' || r.status === 'failed').length >= count) return runs[0]!;
      if (Date.now() > deadline) throw new Error(`${count} finished runs of ${name} expected`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  describeSamba('a scheduled sync against Samba AD', () => {
    it('a wrong password posts one alert; a repeat updates it and replies in its thread; the fixed password resolves it', async () => {
      const info = sambaInfo();
      const h = await harness();
      await h.role('UOPS', 'operator');
      await updateAccount({ ctx: h.as('admin'), input: { deletionThresholdPercent: 100 } });
      await addIntegration({
        ctx: h.as('admin'),
        input: { name: 'corp-ad', kind: 'active_directory', urls: [info.ldapsUrl], caPem: info.caPem, bindDn: info.service.dn, bindPassword: 'Not-The-Password-1!', baseDns: [info.baseDn], schedule: '* * * * *' },
      });
      const tick = scheduler(h);
      expect(await tick.tick(new Date())).toBe(1);
      const failed = await settled(h, 'corp-ad', 1);
      expect(failed).toMatchObject({ trigger: 'schedule', status: 'failed', failure: { class: 'credential', reason: 'invalid_credentials' } });

      const alert = await h.slack.waitFor(() => h.slack.parents(ALERT_CHANNEL)[0], 10_000, 'the alert');
      expect(alert.text).toContain('corp-ad: credential failure: invalid_credentials');
      for (const item of checklistFor('invalid_credentials')) expect(shown(alert)).toContain(item.slice(0, 40).replace(/&/g, '&amp;'));
      expect(shown(alert)).toContain('data 52e');
      expect(buttons(alert).map((b) => [b.action_id, b.value])).toEqual([[BUTTONS.testNow.slack, 'corp-ad'], [BUTTONS.syncNow.slack, 'corp-ad']]);
      expect(shown(alert)).toContain('Seen 1 time');

      expect(await tick.tick(new Date(Date.now() + 61_000))).toBe(1);
      await settled(h, 'corp-ad', 2);
      await h.slack.waitFor(() => h.slack.replies(alert).length === 1, 10_000, 'the thread reply');
      expect(h.slack.parents(ALERT_CHANNEL)).toHaveLength(1); // one message per problem
      expect(shown(alert)).toContain('Seen 2 times');
      expect(h.slack.replies(alert)[0]!.text).toMatch(/Failed again in sync #\d+: invalid_credentials — seen 2 times/);

      // "Test now" answers in the alert's thread, as the person who clicked.
      await h.click({ actionId: BUTTONS.testNow.slack, value: 'corp-ad', user: 'UOPS', channel: ALERT_CHANNEL, messageTs: alert.ts });
      const tested = await h.slack.waitFor(() => h.slack.replies(alert).find((r) => r.text.includes('<@UOPS> clicked')), 20_000, 'the test result in the thread');
      expect(shown(tested)).toContain('invalid_credentials');

      await updateIntegration({ ctx: h.as('admin'), input: { name: 'corp-ad', bindPassword: info.service.password } });
      expect(await tick.tick(new Date(Date.now() + 122_000))).toBe(1);
      expect(await settled(h, 'corp-ad', 3)).toMatchObject({ status: 'succeeded' });
      await h.slack.waitFor(() => alert.text.startsWith('✅ Resolved'), 10_000, 'the resolved alert');
      expect(alert.text).toMatch(/Resolved: sync #\d+ succeeded/);
      expect(buttons(alert)).toEqual([]);
      await h.slack.waitFor(() => h.slack.replies(alert).some((r) => r.text.includes('Resolved')), 10_000, 'the resolution in the thread');
      expect(h.slack.parents(ALERT_CHANNEL)).toHaveLength(1);
    });
  });

  describeSlapd('with a directory', () => {
    async function lingering(h: SlackHarness) {
      const dir = await directory();
      await updateAccount({ ctx: h.as('admin'), input: { deletionThresholdPercent: 100, lingeringHours: 24 } });
      await addLab(h.as('admin'), dir.info);
      await addLab(h.as('admin'), dir.info, 'old-ldap', { urls: ['ldap://127.0.0.1:1'], schedule: '0 0 1 1 *' });
      await syncNow(h.as('operator'), 'lab');
      await dir.admin.del(dir.info.users[0]!.dn);
      await disableIntegration({ ctx: h.as('operator'), input: { name: 'old-ldap' } });
      expect((await syncNow(h.as('operator'), 'lab')).destructive!.held).toBeGreaterThan(0);
      return dir;
    }

    it('a lingering disabled integration is warned about once a day, with Delete… / Re-enable / Snooze', async () => {
      const h = await harness({ workers: false });
      await h.role('UOPS', 'operator');
      await lingering(h);
      const tick = scheduler(h);
      const at = (hours: number) => new Date(Date.now() + hours * HOUR);
      await tick.tick(at(25));
      const warning = await h.slack.waitFor(() => h.slack.parents(ALERT_CHANNEL)[0], 10_000, 'the warning');
      expect(warning.text).toMatch(/old-ldap has been disabled for .* and is blocking \d+ destructive changes? in 1 integration/);
      expect(buttons(warning).map((b) => b.action_id)).toEqual([BUTTONS.deleteIntegration.slack, BUTTONS.enableIntegration.slack, BUTTONS.snooze.slack]);

      for (const hours of [26, 30, 40]) await tick.tick(at(hours)); // the same day: nothing new
      await h.drain();
      expect(h.slack.replies(warning)).toEqual([]);
      await tick.tick(at(49));
      const reminder = await h.slack.waitFor(() => h.slack.replies(warning)[0], 10_000, 'the daily reminder');
      expect(reminder).toMatchObject({ replyBroadcast: true });
      expect(reminder.text).toContain('Still disabled');
      expect(h.slack.parents(ALERT_CHANNEL)).toHaveLength(1);

      const snooze = buttons(warning).find((b) => b.action_id === BUTTONS.snooze.slack)!;
      await h.click({ actionId: BUTTONS.snooze.slack, value: snooze.value, user: 'UOPS', channel: ALERT_CHANNEL, messageTs: warning.ts });
      await h.slack.waitFor(() => h.slack.replies(warning).some((r) => r.text.includes('Snoozed for 7 days by <@UOPS>')), 10_000, 'the snooze line');
      for (const hours of [73, 97, 121]) await tick.tick(at(hours));
      await h.drain();
      expect(h.slack.replies(warning)).toHaveLength(2);

      await h.click({ actionId: BUTTONS.enableIntegration.slack, value: 'old-ldap', user: 'UOPS', channel: ALERT_CHANNEL, messageTs: warning.ts });
      await h.slack.waitFor(() => h.slack.replies(warning).some((r) => r.text.includes('<@UOPS> clicked')), 10_000, 'the re-enable confirmation');
      await tick.tick(at(122));
      await h.slack.waitFor(() => warning.text.startsWith('✅ Resolved: old-ldap is enabled again'), 10_000, 'the resolved warning');
      expect(buttons(warning)).toEqual([]);
    });

    it('honours Retry-After on a 429 for the alert channel without delaying replies elsewhere', async () => {
      const h = await harness({ workers: false });
      await h.role('UOPS', 'operator');
      await lingering(h);
      h.slack.fail('chat.postMessage', { status: 429, retryAfter: 2 }, { channel: ALERT_CHANNEL });
      await scheduler(h).tick(new Date(Date.now() + 25 * HOUR));
      const limited = await h.slack.waitFor(() => h.slack.calls.find((c) => c.status === 429), 10_000, 'the 429');
      // While the alert channel waits, a command and a post to another channel go through at once.
      const list = await h.command({ text: 'list', user: 'UOPS', channel: 'COPS' });
      expect(shown(list.ack)).toContain('old-ldap');
      await h.click({ actionId: BUTTONS.testNow.slack, value: 'lab', user: 'UOPS', channel: 'COPS', messageTs: '1.1' });
      const elsewhere = await h.slack.waitFor(() => h.slack.calls.find((c) => c.method === 'chat.postMessage' && c.args.channel === 'COPS'), 10_000, 'the post elsewhere');
      expect(elsewhere.at - limited.at).toBeLessThan(2_000);
      const retried = await h.slack.waitFor(() => h.slack.calls.find((c) => c.method === 'chat.postMessage' && c.args.channel === ALERT_CHANNEL && c.status === 200), 10_000, 'the retry');
      expect(retried.at - limited.at).toBeGreaterThanOrEqual(2_000);
      expect(h.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === ALERT_CHANNEL)).toHaveLength(2);
      expect(h.slack.parents(ALERT_CHANNEL)).toHaveLength(1);
    });
  });
});
