import { describe, expect, it } from 'vitest';
import { addIntegration } from '../../../src/commands/integration/add.ts';
import { checkDn } from '../../../src/commands/integration/check-dn.ts';
import { previewSchedule } from '../../../src/commands/integration/preview-schedule.ts';
import { testAccount } from '../../support/context.ts';
import { backends } from '../../support/databases.ts';
import { failure } from '../../support/failure.ts';
import { adInput } from '../../support/fixtures.ts';
import { useDatabase } from '../../support/suite.ts';

describe.each(backends)('previewSchedule and checkDn ($name)', (backend) => {
  const db = useDatabase(backend);

  describe('previewSchedule', () => {
    it("gives the next three runs in the account's time zone", async () => {
      const { as } = await testAccount(db.store, undefined, 'Asia/Tokyo');
      const now = new Date('2026-03-01T12:00:00Z');
      const preview = await previewSchedule({ ctx: { ...as('viewer'), now: () => now }, input: { schedule: ' 0 9 * * * ' } });
      // 09:00 in Tokyo is 00:00 UTC; the first one after 21:00 Tokyo time is the next morning.
      expect(preview).toEqual({ schedule: '0 9 * * *', timeZone: 'Asia/Tokyo', next: ['2026-03-02T00:00:00.000Z', '2026-03-03T00:00:00.000Z', '2026-03-04T00:00:00.000Z'] });
    });

    it("refuses what add would refuse, with croner's reason, on the schedule field", async () => {
      const { as } = await testAccount(db.store);
      const error = await failure(previewSchedule({ ctx: as('viewer'), input: { schedule: '61 * * * *' } }));
      expect(error.code).toBe('validation');
      expect(error.issues).toEqual([{ field: 'schedule', message: expect.stringMatching(/^"61 \* \* \* \*" is not a valid schedule: .+\. Use cron syntax/) }]);
      const added = await failure(addIntegration({ ctx: as('admin'), input: adInput({ schedule: '61 * * * *' }) }));
      expect(added.issues).toEqual(error.issues);
      expect((await failure(previewSchedule({ ctx: as('viewer'), input: { schedule: '0 0 31 2 *' } }))).issues[0]!.message).toMatch(/never fires/);
      expect((await failure(previewSchedule({ ctx: as('viewer'), input: { schedule: '' } }))).issues[0]!.field).toBe('schedule');
    });

    it('is open to viewers and fails for an account that does not exist', async () => {
      const { as } = await testAccount(db.store);
      expect((await previewSchedule({ ctx: as('viewer'), input: { schedule: '*/15 * * * *' } })).next).toHaveLength(3);
      const error = await failure(previewSchedule({ ctx: { ...as('viewer'), accountId: crypto.randomUUID() }, input: { schedule: '*/15 * * * *' } }));
      expect(error.code).toBe('not_found');
    });
  });

  describe('checkDn', () => {
    it('accepts valid DNs, and a UPN or DOMAIN\\user as the bind identity', async () => {
      const { as } = await testAccount(db.store);
      for (const value of ['CN=svc-dirsync,OU=Service Accounts,DC=corp,DC=example', 'svc-dirsync@corp.example', 'CORP\\svc-dirsync']) {
        expect(await checkDn({ ctx: as('viewer'), input: { field: 'bindDn', value } })).toEqual({ ok: true });
      }
      expect(await checkDn({ ctx: as('viewer'), input: { field: 'baseDns', value: 'OU=Staff,DC=corp,DC=example\n\nOU=Docs\\2FKB,DC=corp,DC=example\n' } })).toEqual({ ok: true });
    });

    it('fails with the message add gives and the corrected DN as the fix', async () => {
      const { as } = await testAccount(db.store);
      const error = await failure(checkDn({ ctx: as('viewer'), input: { field: 'bindDn', value: 'OU=Docs/KB,DC=x' } }));
      expect(error.code).toBe('validation');
      expect(error.issues).toEqual([{ field: 'bindDn', message: expect.stringContaining('must be escaped'), fix: 'OU=Docs\\2FKB,DC=x' }]);
      const added = await failure(addIntegration({ ctx: as('admin'), input: adInput({ bindDn: 'OU=Docs/KB,DC=x' }) }));
      expect(added.issues).toEqual(error.issues);
    });

    it('names the bad line of several base DNs, as saving them would', async () => {
      const { as } = await testAccount(db.store);
      const lines = ['OU=Staff,DC=corp,DC=example', 'OU=Docs/KB,DC=corp,DC=example'];
      const error = await failure(checkDn({ ctx: as('viewer'), input: { field: 'baseDns', value: `${lines[0]}\r\n${lines[1]}` } }));
      expect(error.issues).toEqual([{ field: 'baseDns.1', message: expect.stringContaining('must be escaped'), fix: 'OU=Docs\\2FKB,DC=corp,DC=example' }]);
      const added = await failure(addIntegration({ ctx: as('admin'), input: adInput({ baseDns: lines }) }));
      expect(added.issues).toEqual(error.issues);
      expect((await failure(checkDn({ ctx: as('viewer'), input: { field: 'baseDns', value: ' \n' } }))).issues).toEqual([{ field: 'baseDns', message: 'give at least one --base-dn' }]);
      expect((await failure(checkDn({ ctx: as('viewer'), input: { field: 'baseDns', value: 'not a dn' } }))).issues).toEqual([{ field: 'baseDns.0', message: expect.stringMatching(/^not a valid DN/) }]);
    });

    it('rejects an unknown field as a validation error; any viewer may check, nothing is audited', async () => {
      const { as, account } = await testAccount(db.store);
      const error = await failure(checkDn({ ctx: as('viewer'), input: { field: 'userFilter', value: 'x' } as never }));
      expect(error).toMatchObject({ code: 'validation', issues: [expect.objectContaining({ field: 'field' })] });
      await failure(checkDn({ ctx: as('viewer'), input: { field: 'bindDn', value: 'OU=a/b' } }));
      expect(await db.store.audit.list({ accountId: account.id, limit: 5 })).toEqual([]);
    });
  });
});
