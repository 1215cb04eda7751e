import { describe, expect, it } from 'vitest';
import { showAccount } from '../../../src/commands/account/show.ts';
import { updateAccount } from '../../../src/commands/account/update.ts';
import { testAccount } from '../../support/context.ts';
import { backends } from '../../support/databases.ts';
import { failure } from '../../support/failure.ts';
import { useDatabase } from '../../support/suite.ts';

describe.each(backends)('showAccount and updateAccount ($name)', (backend) => {
  const db = useDatabase(backend);

  it('shows the account defaults (ACCOUNT_DEFAULTS) and lets an admin change them, audited with before/after', async () => {
    const { as, account } = await testAccount(db.store);
    expect(await showAccount({ ctx: as('viewer'), input: {} })).toMatchObject({
      timeZone: 'UTC',
      deletionThresholdCount: 500,
      deletionThresholdPercent: 10,
      lingeringHours: 24,
    });
    const updated = await updateAccount({ ctx: as('admin'), input: { timeZone: 'Europe/Berlin', lingeringHours: 48 } });
    expect(updated).toMatchObject({ timeZone: 'Europe/Berlin', lingeringHours: 48, deletionThresholdCount: 500 });
    const [audit] = await db.store.audit.list({ accountId: account.id, limit: 1 });
    expect(audit!.detail).toEqual({ changed: { timeZone: { from: 'UTC', to: 'Europe/Berlin' }, lingeringHours: { from: 24, to: 48 } } });
  });

  it('rejects an unknown time zone and out-of-range thresholds', async () => {
    const { as } = await testAccount(db.store);
    const error = await failure(updateAccount({ ctx: as('admin'), input: { timeZone: 'Mars/Olympus', deletionThresholdPercent: 140 } }));
    expect(error.issues.map((i) => i.field).sort()).toEqual(['deletionThresholdPercent', 'timeZone']);
    expect((await showAccount({ ctx: as('viewer'), input: {} })).timeZone).toBe('UTC');
  });

  it('forbids an operator', async () => {
    const { as } = await testAccount(db.store);
    expect((await failure(updateAccount({ ctx: as('operator'), input: { lingeringHours: 1 } }))).code).toBe('forbidden');
  });
});
