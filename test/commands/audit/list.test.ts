import { describe, expect, it } from 'vitest';
import { addIntegration } from '../../../src/commands/integration/add.ts';
import { disableIntegration } from '../../../src/commands/integration/disable.ts';
import { listAudit } from '../../../src/commands/audit/list.ts';
import { testAccount } from '../../support/context.ts';
import { backends } from '../../support/databases.ts';
import { failure } from '../../support/failure.ts';
import { adInput } from '../../support/fixtures.ts';
import { useDatabase } from '../../support/suite.ts';

describe.each(backends)('listAudit ($name)', (backend) => {
  const db = useDatabase(backend);

  it('filters by target, action and actor, newest first, and pages with beforeId', async () => {
    const { as } = await testAccount(db.store);
    await addIntegration({ ctx: as('admin', 'alice'), input: adInput({ name: 'one' }) });
    await addIntegration({ ctx: as('admin', 'alice'), input: adInput({ name: 'two' }) });
    await disableIntegration({ ctx: as('operator', 'bob'), input: { name: 'one' } });
    const forOne = await listAudit({ ctx: as('operator'), input: { target: 'one' } });
    expect(forOne.map((a) => a.action)).toEqual(['integration.disable', 'integration.add']);
    expect((await listAudit({ ctx: as('operator'), input: { actor: 'cli:bob' } })).map((a) => a.target)).toEqual(['one']);
    expect(await listAudit({ ctx: as('operator'), input: { action: 'integration.add' } })).toHaveLength(2);
    const [first] = await listAudit({ ctx: as('operator'), input: { limit: 1 } });
    const older = await listAudit({ ctx: as('operator'), input: { beforeId: first!.id } });
    expect(older.map((a) => a.target)).toEqual(['two', 'one']);
  });

  it('rejects a limit above 500 and forbids a viewer', async () => {
    const { as } = await testAccount(db.store);
    expect((await failure(listAudit({ ctx: as('operator'), input: { limit: 501 } }))).issues[0]!.field).toBe('limit');
    expect((await failure(listAudit({ ctx: as('viewer'), input: {} }))).code).toBe('forbidden');
  });
});
