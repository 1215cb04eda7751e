import { DrizzleQueryError } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { connectionLoss } from '../../../src/adapters/db/connection-loss.ts';
import { listIntegrations } from '../../../src/commands/integration/list.ts';
import { testAccount } from '../../support/context.ts';
import { backends } from '../../support/databases.ts';
import { failure } from '../../support/failure.ts';
import { useDatabase } from '../../support/suite.ts';

const error = (message: string, fields: Record<string, unknown>) => Object.assign(new Error(message), fields);
const wrapped = (cause: Error) => new DrizzleQueryError('select * from sync_runs where id = $1', [7], cause);

describe('connectionLoss', () => {
  it("names a lost connection in the driver's words, without the statement or its parameters", () => {
    expect(connectionLoss(wrapped(error('connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED', errno: -111 })))).toBe('connect ECONNREFUSED 127.0.0.1:5432');
    expect(connectionLoss(error('write CONNECTION_CLOSED 127.0.0.1:5432', { code: 'CONNECTION_CLOSED' }))).toBe('write CONNECTION_CLOSED 127.0.0.1:5432');
    expect(connectionLoss(wrapped(error('read ECONNRESET', { code: 'ECONNRESET' })))).toBe('read ECONNRESET');
    // The server going down or coming up: admin shutdown, crash shutdown, starting up; class 08.
    for (const code of ['57P01', '57P02', '57P03', '08006']) expect(connectionLoss(wrapped(error('terminating connection', { code })))).toBe('terminating connection');
  });

  it('is null for a statement the database refused, and for anything else', () => {
    expect(connectionLoss(wrapped(error('duplicate key value violates unique constraint', { code: '23505' })))).toBeNull();
    expect(connectionLoss(wrapped(error('canceling statement due to user request', { code: '57014' })))).toBeNull();
    expect(connectionLoss(new Error('boom'))).toBeNull();
    expect(connectionLoss('CONNECTION_CLOSED')).toBeNull();
  });
});

describe.each(backends)('a command whose database goes away ($name)', (backend) => {
  const db = useDatabase(backend);

  it('fails as unavailable, saying what broke and what to check', async () => {
    const { as } = await testAccount(db.store);
    const ctx = as('viewer');
    const lost = error('connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED' });
    const store = { ...ctx.store, integrations: { ...ctx.store.integrations, list: () => Promise.reject(wrapped(lost)) } };
    const e = await failure(listIntegrations({ ctx: { ...ctx, store }, input: {} }));
    expect(e.code).toBe('unavailable');
    expect(e.message).toBe("the database connection was lost (connect ECONNREFUSED 127.0.0.1:5432): check that dirsync's Postgres is running and reachable, then try again");
  });
});
