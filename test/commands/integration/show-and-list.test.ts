import { describe, expect, it } from 'vitest';
import { addIntegration } from '../../../src/commands/integration/add.ts';
import { listIntegrations } from '../../../src/commands/integration/list.ts';
import { showIntegration } from '../../../src/commands/integration/show.ts';
import { updateAccount } from '../../../src/commands/account/update.ts';
import { testAccount } from '../../support/context.ts';
import { backends } from '../../support/databases.ts';
import { failure } from '../../support/failure.ts';
import { adInput } from '../../support/fixtures.ts';
import { useDatabase } from '../../support/suite.ts';

describe.each(backends)('showIntegration and listIntegrations ($name)', (backend) => {
  const db = useDatabase(backend);

  it('lets a viewer list and show, sorted by name, never with a secret', async () => {
    const { as } = await testAccount(db.store);
    await addIntegration({ ctx: as('admin'), input: adInput({ name: 'zeta' }) });
    await addIntegration({ ctx: as('admin'), input: adInput({ name: 'alpha', kind: 'openldap', urls: ['ldap://ldap.example'], baseDns: ['dc=example,dc=org'] }) });
    const list = await listIntegrations({ ctx: as('viewer'), input: {} });
    expect(list.map((i) => i.name)).toEqual(['alpha', 'zeta']);
    const shown = await showIntegration({ ctx: as('viewer'), input: { name: 'alpha' } });
    expect(shown).toMatchObject({ kind: 'openldap', tlsMode: 'starttls', bindPasswordSet: true });
    expect(Object.keys(shown)).not.toContain('bindPasswordSealed');
    expect(JSON.stringify([list, shown])).not.toMatch(/Tr0ub4dor|v1:/);
  });

  it("shows the next three runs in the account's time zone", async () => {
    const { as } = await testAccount(db.store);
    await updateAccount({ ctx: as('admin'), input: { timeZone: 'Asia/Tokyo' } });
    await addIntegration({ ctx: as('admin'), input: adInput({ schedule: '0 9 * * *' }) });
    const shown = await showIntegration({ ctx: as('viewer'), input: { name: 'corp-ad' } });
    expect(shown.timeZone).toBe('Asia/Tokyo');
    expect(shown.nextRuns).toHaveLength(3);
    // 09:00 in Tokyo is 00:00 UTC.
    for (const run of shown.nextRuns) expect(run).toMatch(/T00:00:00\.000Z$/);
  });

  it('fails with not_found and the closest names', async () => {
    const { as } = await testAccount(db.store);
    await addIntegration({ ctx: as('admin'), input: adInput({ name: 'corp-ad' }) });
    const error = await failure(showIntegration({ ctx: as('viewer'), input: { name: 'corp-add' } }));
    expect(error.code).toBe('not_found');
    expect(error.message).toContain('Did you mean corp-ad?');
  });

  it('rejects a malformed name as validation, before touching the database', async () => {
    const { as } = await testAccount(db.store);
    const error = await failure(showIntegration({ ctx: as('viewer'), input: { name: 'Corp AD' } }));
    expect(error.code).toBe('validation');
  });

  it('keeps accounts apart', async () => {
    const a = await testAccount(db.store);
    const b = await testAccount(db.store);
    await addIntegration({ ctx: a.as('admin'), input: adInput() });
    expect(await listIntegrations({ ctx: b.as('viewer'), input: {} })).toEqual([]);
    expect((await failure(showIntegration({ ctx: b.as('admin'), input: { name: 'corp-ad' } }))).code).toBe('not_found');
  });
});
