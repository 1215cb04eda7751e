import { describe, expect, it } from 'vitest';
import { addIntegration } from '../../../src/commands/integration/add.ts';
import { showIntegration } from '../../../src/commands/integration/show.ts';
import { updateIntegration } from '../../../src/commands/integration/update.ts';
import { secretContext } from '../../../src/core/integration.ts';
import { testAccount } from '../../support/context.ts';
import { backends } from '../../support/databases.ts';
import { failure } from '../../support/failure.ts';
import { adInput } from '../../support/fixtures.ts';
import { useDatabase } from '../../support/suite.ts';

describe.each(backends)('updateIntegration ($name)', (backend) => {
  const db = useDatabase(backend);

  async function withIntegration(input = adInput()) {
    const t = await testAccount(db.store);
    await addIntegration({ ctx: t.as('admin'), input });
    return t;
  }

  it('changes only the given fields, re-seals a new password and audits field names only', async () => {
    const { as, account } = await withIntegration();
    const ctx = as('admin');
    const result = await updateIntegration({ ctx, input: { name: 'corp-ad', schedule: '30 6 * * 1-5', bindPassword: 'n3w-S3cret!' } });
    expect(result.changed.sort()).toEqual(['bindPassword', 'schedule']);
    expect(result.integration).toMatchObject({ schedule: '30 6 * * 1-5', urls: ['ldaps://dc1.corp.example:636'] });
    const stored = (await db.store.integrations.findByName(account.id, 'corp-ad'))!;
    await expect(ctx.secrets.open(stored.bindPasswordSealed, secretContext(stored.id, 'bindPassword'))).resolves.toBe('n3w-S3cret!');
    const [audit] = await db.store.audit.list({ accountId: account.id, limit: 1 });
    expect(audit).toMatchObject({ action: 'integration.update', detail: { changed: expect.arrayContaining(['bindPassword']) } });
    expect(JSON.stringify(audit)).not.toContain('n3w-S3cret');
  });

  it('renames, refuses a taken name, and reports "nothing changed" as an empty list', async () => {
    const { as } = await withIntegration();
    await addIntegration({ ctx: as('admin'), input: adInput({ name: 'taken' }) });
    expect((await failure(updateIntegration({ ctx: as('admin'), input: { name: 'corp-ad', rename: 'taken' } }))).code).toBe('conflict');
    const renamed = await updateIntegration({ ctx: as('admin'), input: { name: 'corp-ad', rename: 'corp-ad-eu' } });
    expect(renamed.integration.name).toBe('corp-ad-eu');
    const same = await updateIntegration({ ctx: as('admin'), input: { name: 'corp-ad-eu', schedule: '0 8,13,23 * * *' } });
    expect(same.changed).toEqual([]);
  });

  it('keeps the password readable after a rename (the seal is bound to the id, not the name)', async () => {
    const { as, account } = await withIntegration();
    await updateIntegration({ ctx: as('admin'), input: { name: 'corp-ad', rename: 'hq' } });
    const stored = (await db.store.integrations.findByName(account.id, 'hq'))!;
    await expect(as('admin').secrets.open(stored.bindPasswordSealed, secretContext(stored.id, 'bindPassword'))).resolves.toBe('Tr0ub4dor&3-bind');
  });

  it('moves default filters along with the kind, but keeps customised ones', async () => {
    const t = await withIntegration(adInput({ userFilter: '(objectClass=person)' }));
    const result = await updateIntegration({ ctx: t.as('admin'), input: { name: 'corp-ad', kind: 'openldap' } });
    expect(result.integration).toMatchObject({
      userFilter: '(objectClass=person)',
      groupFilter: '(|(objectClass=groupOfNames)(objectClass=groupOfUniqueNames))',
      attributes: { uniqueId: 'entryUUID' },
    });
  });

  it('switching to ldap:// URLs takes StartTLS unless a mode is named', async () => {
    const { as } = await withIntegration();
    const result = await updateIntegration({ ctx: as('admin'), input: { name: 'corp-ad', urls: ['ldap://dc2.corp.example'] } });
    expect(result.integration.tlsMode).toBe('starttls');
  });

  it('validates like add, leaves the row untouched on failure, and suggests close names', async () => {
    const { as } = await withIntegration();
    const bad = await failure(updateIntegration({ ctx: as('admin'), input: { name: 'corp-ad', baseDns: ['OU=Docs/KB,DC=corp'], bindPassword: '' } }));
    expect(bad.issues.map((i) => i.field).sort()).toEqual(['baseDns.0', 'bindPassword']);
    const shown = await showIntegration({ ctx: as('viewer'), input: { name: 'corp-ad' } });
    expect(shown.baseDns).toEqual(['OU=Staff,DC=corp,DC=example']);
    const missing = await failure(updateIntegration({ ctx: as('admin'), input: { name: 'corp-da', schedule: '0 1 * * *' } }));
    expect(missing.code).toBe('not_found');
    expect(missing.message).toMatch(/Did you mean corp-ad\?/);
  });

  it('forbids an operator', async () => {
    const { as } = await withIntegration();
    expect((await failure(updateIntegration({ ctx: as('operator'), input: { name: 'corp-ad', schedule: '0 1 * * *' } }))).code).toBe('forbidden');
  });
});
