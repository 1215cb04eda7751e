import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { disableIntegration } from '../../../src/commands/integration/disable.ts';
import { enableIntegration } from '../../../src/commands/integration/enable.ts';
import { reviewWarnings } from '../../../src/commands/alert/review-warnings.ts';
import { snoozeAlert } from '../../../src/commands/alert/snooze.ts';
import { updateAccount } from '../../../src/commands/account/update.ts';
import { updateIntegration } from '../../../src/commands/integration/update.ts';
import { rows } from '../../../src/adapters/db/sql.ts';
import { describeSlapd } from '../../harness/directories.ts';
import { backends } from '../../support/databases.ts';
import { failure } from '../../support/failure.ts';
import { useDatabase } from '../../support/suite.ts';
import { addLab, syncNow, useLab } from '../../support/sync.ts';

describe.each(backends)('alerts ($name)', (backend) => {
  const db = useDatabase(backend);
  const lab = useLab(() => db.store);
  const events = (accountId: string) =>
    rows<{ subject: string; subject_id: string; event: string; payload: Record<string, unknown> }>(db.database.db, sql`select subject, subject_id, event, payload from notifications where account_id = ${accountId} order by id`);

  describeSlapd('against its own slapd', () => {
    it('a failing run opens one alert per (integration, class), a repeat updates it, a good run resolves it', async () => {
      const { as, account, integration, info } = await lab();
      await updateIntegration({ ctx: as('admin'), input: { name: 'lab', bindPassword: 'wrong-password' } });
      const first = await syncNow(as('operator'), 'lab');
      expect(first.failure).toMatchObject({ class: 'credential', reason: 'invalid_credentials' });
      const [opened] = await db.store.alerts.open(account.id);
      expect(opened).toMatchObject({ integrationId: integration.id, kind: 'failure', class: 'credential', reason: 'invalid_credentials', count: 1, detail: { run: first.id, failure: { checklist: expect.arrayContaining([expect.stringContaining('password')]) } } });

      const second = await syncNow(as('operator'), 'lab');
      const open = await db.store.alerts.open(account.id);
      expect(open).toEqual([expect.objectContaining({ id: opened!.id, count: 2, detail: expect.objectContaining({ run: second.id }) })]);

      await updateIntegration({ ctx: as('admin'), input: { name: 'lab', bindPassword: info.service.password } });
      const good = await syncNow(as('operator'), 'lab');
      expect(good.status).toBe('succeeded');
      expect(await db.store.alerts.open(account.id)).toEqual([]);
      expect(await db.store.alerts.get(account.id, opened!.id)).toMatchObject({ status: 'resolved', resolution: `sync #${good.id} succeeded` });
      expect((await events(account.id)).map((e) => [e.subject, Number(e.subject_id), e.event, e.payload])).toEqual([
        ['alert', opened!.id, 'opened', { run: first.id }],
        ['alert', opened!.id, 'repeated', { run: second.id }],
        ['alert', opened!.id, 'resolved', { run: good.id }],
      ]);
    });

    it('a lingering disabled integration is warned about once a day, can be snoozed, and resolves when re-enabled', async () => {
      const { as, account, admin, info } = await lab();
      await updateAccount({ ctx: as('admin'), input: { deletionThresholdPercent: 100, lingeringHours: 24 } });
      await addLab(as('admin'), info, 'old-ldap', { urls: ['ldap://127.0.0.1:1'] });
      await syncNow(as('operator'), 'lab');
      await admin.del(info.users[0]!.dn);
      await disableIntegration({ ctx: as('operator'), input: { name: 'old-ldap' } });
      expect((await syncNow(as('operator'), 'lab')).destructive!.held).toBeGreaterThan(0);

      const at = (hours: number) => new Date(Date.now() + hours * 3_600_000);
      const review = (hours: number) => reviewWarnings({ ctx: { ...as('admin', 'scheduler', 'system'), now: () => at(hours) }, input: {} });
      expect(await review(1)).toEqual({ opened: 0, changed: 0 }); // not lingering yet
      expect(await review(25)).toEqual({ opened: 1, changed: 0 });
      expect(await review(30)).toEqual({ opened: 0, changed: 0 }); // once a day
      expect(await review(49)).toEqual({ opened: 0, changed: 1 });
      const [warning] = await db.store.alerts.open(account.id);
      expect(warning).toMatchObject({ kind: 'lingering', count: 2, detail: { lingering: { integration: 'old-ldap', state: 'disabled', blocks: { integrations: ['lab'] } } } });

      expect(await failure(snoozeAlert({ ctx: as('viewer'), input: { id: warning!.id } }))).toMatchObject({ code: 'forbidden' });
      await snoozeAlert({ ctx: { ...as('operator', 'U7', 'slack'), now: () => at(49) }, input: { id: `#${warning!.id}` } });
      expect(await review(49 + 24 * 6)).toEqual({ opened: 0, changed: 0 }); // snoozed for 7 days
      expect(await review(49 + 24 * 7 + 1)).toEqual({ opened: 0, changed: 1 });

      await enableIntegration({ ctx: as('operator'), input: { name: 'old-ldap' } });
      await review(49 + 24 * 8);
      expect(await db.store.alerts.get(account.id, warning!.id)).toMatchObject({ status: 'resolved', resolution: 'old-ldap is enabled again' });
      expect((await events(account.id)).filter((e) => e.subject === 'alert').map((e) => [e.event, e.payload])).toEqual([
        ['opened', {}], ['reminder', {}], ['snoozed', { by: 'slack:U7' }], ['reminder', {}], ['resolved', {}],
      ]);
    });

    it('refuses to snooze what cannot be snoozed', async () => {
      const { as, account } = await lab();
      await updateIntegration({ ctx: as('admin'), input: { name: 'lab', bindPassword: 'wrong-password' } });
      await syncNow(as('operator'), 'lab');
      const [alert] = await db.store.alerts.open(account.id);
      expect(await failure(snoozeAlert({ ctx: as('operator'), input: { id: alert!.id } }))).toMatchObject({ code: 'failed_precondition', message: expect.stringContaining('lingering') });
      expect(await failure(snoozeAlert({ ctx: as('operator'), input: { id: 999999 } }))).toMatchObject({ code: 'not_found' });
    });
  });
});
