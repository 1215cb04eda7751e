import { describe, expect, it } from 'vitest';
import { addIntegration } from '../../../src/commands/integration/add.ts';
import { finishLostRun } from '../../../src/commands/sync/internal/finish-lost-run.ts';
import { DatabaseConnectionLost, MAX_RUN_ATTEMPTS, type RunOutcome, type RunPhase } from '../../../src/core/sync-ports.ts';
import { testAccount } from '../../support/context.ts';
import { backends } from '../../support/databases.ts';
import { adInput } from '../../support/fixtures.ts';
import { useDatabase } from '../../support/suite.ts';

const DIAGNOSTIC = 'write CONNECTION_CLOSED 127.0.0.1:5432';

describe.each(backends)('a run whose database went away, recorded once it is back ($name)', (backend) => {
  const db = useDatabase(backend);

  async function claimedRun(leaseMs = 30_000) {
    const t = await testAccount(db.store);
    await addIntegration({ ctx: t.as('admin'), input: adInput() });
    const integration = (await db.store.integrations.findByName(t.account.id, 'corp-ad'))!;
    const { run: queued } = await db.store.runs.request({ accountId: t.account.id, integrationId: integration.id, trigger: 'manual', actor: 'cli:ops', now: new Date() });
    const run = (await db.store.runs.claim('w1', leaseMs, [queued.id]))!;
    const ctx = t.as('admin');
    const lose = (runId: number, phase: RunPhase = 'read', outcome: RunOutcome | null = null) =>
      finishLostRun(ctx, new DatabaseConnectionLost({ runId, integration: 'corp-ad', phase, diagnostic: DIAGNOSTIC, outcome }), 'w1');
    return { ...t, integration, run, lose };
  }

  it("fails as dirsync's own: the integration stays enabled, no alert opens, and the sync is queued again for the same requester", async () => {
    const { account, integration, run, lose } = await claimedRun();
    await lose(run.id, 'apply');
    const [retry, failed] = await db.store.runs.history(integration.id, 10);
    expect(failed).toMatchObject({ id: run.id, status: 'failed', counts: null, destructive: null, leaseOwner: null });
    expect(failed!.failure).toMatchObject({ class: 'internal', reason: 'database_connection_lost', stage: 'apply', diagnostic: DIAGNOSTIC });
    expect(failed!.failure!.message).toBe(
      'dirsync lost the connection to its own database (Postgres), not to the directory. The database connection was lost during the apply: ' +
        'its transaction was rolled back: nothing of this run was applied; the sync was queued again when the database answered.',
    );
    expect(failed!.failure!.checklist[0]).toMatch(/Postgres running and reachable/);
    expect(retry).toMatchObject({ status: 'queued', trigger: 'manual', actor: 'cli:ops' });
    expect((await db.store.integrations.findById(integration.id))!.state).toBe('enabled');
    expect(await db.store.alerts.open(account.id, integration.id)).toEqual([]);
  });

  it(`stops queueing again after ${MAX_RUN_ATTEMPTS} runs in a row were lost this way: the schedule tries next`, async () => {
    const { integration, run, lose } = await claimedRun();
    let next = run;
    for (let i = 1; i < MAX_RUN_ATTEMPTS; i++) {
      await lose(next.id);
      const [queued] = await db.store.runs.history(integration.id, 1);
      next = (await db.store.runs.claim('w1', 30_000, [queued!.id]))!;
      expect(next).toMatchObject({ integrationId: integration.id, status: 'running' });
    }
    await lose(next.id);
    const runs = await db.store.runs.history(integration.id, 10);
    expect(runs.map((r) => r.status)).toEqual(Array(MAX_RUN_ATTEMPTS).fill('failed'));
    expect(runs[0]!.failure!.message).toMatch(/during the read: nothing of this run was applied; 3 runs in a row were lost this way, so the next one waits for the schedule\.$/);
  });

  it('records the outcome the run had reached when only its recording was lost, and queues nothing', async () => {
    const { integration, run, lose } = await claimedRun();
    const counts = { added: 2, updated: 0, unchanged: 0, restored: 0 };
    const none = { added: 0, updated: 0, unchanged: 0, restored: 0 };
    const byKind = { remove_membership: 0, change_address_type: 0, delete_user: 0, purge_user: 0 };
    const outcome: RunOutcome = {
      status: 'succeeded', counts: { users: counts, groups: none, memberships: none, skipped: 0 },
      destructive: { applied: 0, held: 0, awaitingApproval: 0, byKind: { applied: byKind, held: byKind, awaitingApproval: byKind } },
      blockedBy: [], approvalRequestId: null, duplicates: [], failure: null, certificate: null, entriesRead: 2,
    };
    await lose(run.id, 'record', outcome);
    expect(await db.store.runs.history(integration.id, 10)).toMatchObject([{ id: run.id, status: 'succeeded', counts: outcome.counts, entriesRead: 2 }]);
  });

  it('leaves a run taken over meanwhile to its new owner', async () => {
    const { integration, run, lose } = await claimedRun(1000);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(await db.store.runs.claim('w2', 30_000, [run.id])).toMatchObject({ id: run.id, attempt: 2 });
    await lose(run.id);
    expect(await db.store.runs.history(integration.id, 10)).toMatchObject([{ id: run.id, status: 'running', leaseOwner: 'w2', failure: null }]);
  });
});
