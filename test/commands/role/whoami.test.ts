import { describe, expect, it } from 'vitest';
import { grantRole } from '../../../src/commands/role/grant.ts';
import { whoAmI } from '../../../src/commands/role/whoami.ts';
import { presentWhoAmI } from '../../../src/presenters/whoami.ts';
import { testAccount } from '../../support/context.ts';
import { backends } from '../../support/databases.ts';
import { failure } from '../../support/failure.ts';
import { messageText, summaryText } from '../../support/message-text.ts';
import { useDatabase } from '../../support/suite.ts';

describe.each(backends)('whoami ($name)', (backend) => {
  const db = useDatabase(backend);

  it('says who acts, the role and where it comes from: granted, the viewer default, or the local CLI', async () => {
    const { as, account } = await testAccount(db.store);
    await grantRole({ ctx: as('admin'), input: { identity: 'slack:U1', role: 'operator' } });
    const granted = await whoAmI({ ctx: { ...as('operator', 'U1', 'slack'), actor: { platform: 'slack', id: 'U1', role: 'operator', displayName: 'Olga' } }, input: {} });
    expect(granted).toMatchObject({ identity: 'slack:U1', displayName: 'Olga', role: 'operator', source: 'granted', grantedBy: 'cli:admin-user', account: account.name });
    expect(Date.parse(granted.grantedAt!)).not.toBeNaN();
    expect(await whoAmI({ ctx: as('viewer', 'U2', 'slack'), input: {} })).toMatchObject({ identity: 'slack:U2', role: 'viewer', source: 'default', grantedBy: null, grantedAt: null });
    expect(await whoAmI({ ctx: as('admin', 'alice', 'cli'), input: {} })).toMatchObject({ identity: 'cli:alice', role: 'admin', source: 'local' });
    // Read-only: nothing audited.
    expect((await db.store.audit.list({ accountId: account.id, limit: 10 })).map((a) => a.action)).toEqual(['role.grant']);
  });

  it('is presented with the identity, the role and its source, on every face alike', async () => {
    const { as } = await testAccount(db.store);
    const m = presentWhoAmI(await whoAmI({ ctx: as('viewer', 'U2', 'slack'), input: {} }));
    expect(summaryText(m)).toBe('@slack:U2 (viewer)');
    expect(messageText(m)).toContain('dirsync knows you as `slack:U2`.');
    expect(messageText(m)).toContain('*viewer* — the default for anyone without a granted role; an admin grants more with ⟨roles grant slack:U2 operator⟩.');
  });

  it('fails with not_found for an account that does not exist, and no one is below its role', async () => {
    const { as } = await testAccount(db.store);
    expect(await failure(whoAmI({ ctx: { ...as('viewer'), accountId: crypto.randomUUID() }, input: {} }))).toMatchObject({ code: 'not_found' });
    expect(whoAmI.spec.minRole).toBe('viewer');
  });
});
