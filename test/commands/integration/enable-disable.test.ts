import { describe, expect, it } from 'vitest';
import { addIntegration } from '../../../src/commands/integration/add.ts';
import { disableIntegration } from '../../../src/commands/integration/disable.ts';
import { enableIntegration } from '../../../src/commands/integration/enable.ts';
import { testAccount } from '../../support/context.ts';
import { backends } from '../../support/databases.ts';
import { failure } from '../../support/failure.ts';
import { adInput } from '../../support/fixtures.ts';
import { useDatabase } from '../../support/suite.ts';

describe.each(backends)('enableIntegration and disableIntegration ($name)', (backend) => {
  const db = useDatabase(backend);

  async function withIntegration() {
    const t = await testAccount(db.store);
    await addIntegration({ ctx: t.as('admin'), input: adInput() });
    return t;
  }

  it('an operator disables with a reason and enables again; both are audited with the transition', async () => {
    const { as, account } = await withIntegration();
    const disabled = await disableIntegration({ ctx: as('operator'), input: { name: 'corp-ad', reason: 'DC migration' } });
    expect(disabled).toMatchObject({ changed: true, previousState: 'enabled', integration: { state: 'disabled', stateReason: 'DC migration' } });
    const enabled = await enableIntegration({ ctx: as('operator'), input: { name: 'corp-ad' } });
    expect(enabled).toMatchObject({ changed: true, previousState: 'disabled', integration: { state: 'enabled', stateReason: null } });
    const audit = await db.store.audit.list({ accountId: account.id, limit: 2 });
    expect(audit.map((a) => [a.action, a.detail])).toEqual([
      ['integration.enable', { from: 'disabled', to: 'enabled', reason: null }],
      ['integration.disable', { from: 'enabled', to: 'disabled', reason: 'DC migration' }],
    ]);
  });

  it('records when the state changed', async () => {
    const { as, account } = await withIntegration();
    const before = (await db.store.integrations.findByName(account.id, 'corp-ad'))!.stateChangedAt;
    await new Promise((r) => setTimeout(r, 5));
    const result = await disableIntegration({ ctx: as('operator'), input: { name: 'corp-ad' } });
    expect(new Date(result.integration.stateChangedAt).getTime()).toBeGreaterThan(before.getTime());
  });

  it('repeating a state change is a no-op that says why', async () => {
    const { as } = await withIntegration();
    const again = await enableIntegration({ ctx: as('operator'), input: { name: 'corp-ad' } });
    expect(again).toMatchObject({ changed: false, note: 'it is already enabled' });
    await disableIntegration({ ctx: as('operator'), input: { name: 'corp-ad' } });
    expect(await disableIntegration({ ctx: as('operator'), input: { name: 'corp-ad' } })).toMatchObject({ changed: false });
  });

  it('enable does not clear an error: only a passing test or sync does', async () => {
    const { as, account } = await withIntegration();
    const row = (await db.store.integrations.findByName(account.id, 'corp-ad'))!;
    await db.store.integrations.setState(row.id, 'error', 'bind failed', new Date());
    const result = await enableIntegration({ ctx: as('operator'), input: { name: 'corp-ad' } });
    expect(result).toMatchObject({ changed: false, integration: { state: 'error' } });
    expect(result.note).toMatch(/test or sync passes/);
  });

  it('fails for an unknown integration and for an over-long reason', async () => {
    const { as } = await withIntegration();
    expect((await failure(disableIntegration({ ctx: as('operator'), input: { name: 'nope' } }))).code).toBe('not_found');
    const long = await failure(disableIntegration({ ctx: as('operator'), input: { name: 'corp-ad', reason: 'x'.repeat(501) } }));
    expect(long.issues[0]!.field).toBe('reason');
  });

  it('forbids a viewer both ways, leaving the state as it was', async () => {
    const { as, account } = await withIntegration();
    expect((await failure(disableIntegration({ ctx: as('viewer'), input: { name: 'corp-ad' } }))).code).toBe('forbidden');
    expect((await failure(enableIntegration({ ctx: as('viewer'), input: { name: 'corp-ad' } }))).code).toBe('forbidden');
    expect((await db.store.integrations.findByName(account.id, 'corp-ad'))!.state).toBe('enabled');
  });
});
