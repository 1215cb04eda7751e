import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { blockingSentence } from '../../../src/presenters/words.ts';
import { addIntegration } from '../../../src/commands/integration/add.ts';
import { approveRequest } from '../../../src/commands/approval/decide.ts';
import { disableIntegration } from '../../../src/commands/integration/disable.ts';
import { requestDelete } from '../../../src/commands/integration/request-delete.ts';
import { showOverview } from '../../../src/commands/account/show-overview.ts';
import { updateAccount } from '../../../src/commands/account/update.ts';
import type { RunOutcome } from '../../../src/core/sync-ports.ts';
import { seedDashboard } from '../../bench/seed-dashboard.ts';
import { testAccount } from '../../support/context.ts';
import { backends } from '../../support/databases.ts';
import { failure } from '../../support/failure.ts';
import { adInput } from '../../support/fixtures.ts';
import { useDatabase } from '../../support/suite.ts';

const HOUR = 3_600_000;

describe.each(backends)('showOverview ($name)', (backend) => {
  const db = useDatabase(backend);

  async function integrationId(accountId: string, name: string) {
    return (await db.store.integrations.findByName(accountId, name))!.id;
  }

  /** A run queued, claimed and finished the way workers do it. */
  async function finishedRun(accountId: string, integrationId: string, outcome: Partial<RunOutcome> = {}) {
    const { run } = await db.store.runs.request({ accountId, integrationId, trigger: 'manual', actor: 'cli:olga', now: new Date() });
    await db.store.runs.claim('test-worker', 30_000, [run.id]);
    const done = { status: 'succeeded', counts: null, destructive: null, blockedBy: null, approvalRequestId: null, duplicates: null, failure: null, certificate: null } as const;
    await db.store.runs.finish(run.id, 'test-worker', { ...done, ...outcome });
    return run.id;
  }

  /** Destructive changes the gate held (written as the sync engine writes them). */
  async function hold(accountId: string, integrationId: string, count: number, blockedBy: string[], status = 'held') {
    await db.database.db.execute(sql`
      insert into pending_changes (account_id, integration_id, kind, user_id, status, blocked_by, created_at, updated_at, held_since)
      select ${accountId}::uuid, ${integrationId}::uuid, 'delete_user', (random() * 1e12)::bigint, ${status}::change_status,
        ${sql.param(blockedBy)}::text[], now(), now(), now()
      from generate_series(1, ${count}) g`);
  }

  it('shows each integration with its latest run, next run and open changes, and a banner per blocker', async () => {
    const { as, account } = await testAccount(db.store, undefined, 'Asia/Tokyo');
    for (const name of ['corp-ad', 'corp-old', 'hq', 'lab']) await addIntegration({ ctx: as('admin'), input: adInput({ name, schedule: '0 9 * * *' }) });
    const [corpAd, corpOld, hq, lab] = await Promise.all(['corp-ad', 'corp-old', 'hq', 'lab'].map((n) => integrationId(account.id, n)));
    await finishedRun(account.id, corpAd!);
    const failed = await finishedRun(account.id, corpAd!, { status: 'failed', failure: { class: 'connection', reason: 'connection_refused', stage: 'tcp', message: 'refused', diagnostic: '', checklist: [] } });
    await db.store.runs.request({ accountId: account.id, integrationId: hq!, trigger: 'schedule', actor: 'system:scheduler', now: new Date() });
    await disableIntegration({ ctx: as('operator'), input: { name: 'corp-old', reason: 'DC retired' } });
    await db.store.integrations.setState(lab!, 'error', 'connection_refused', new Date(Date.now() - 5 * HOUR));
    await hold(account.id, corpAd!, 36, ['corp-old', 'lab']);
    await hold(account.id, hq!, 1, ['corp-old']);
    await hold(account.id, hq!, 3, [], 'awaiting_approval');
    await db.store.alerts.insert({ accountId: account.id, integrationId: lab!, kind: 'failure', class: 'connection', reason: 'connection_refused', detail: { kind: 'failure', run: failed, failure: { class: 'connection', reason: 'connection_refused', stage: 'tcp', message: 'refused', diagnostic: '', checklist: [] } }, now: new Date() });
    await requestDelete({ ctx: as('operator'), input: { name: 'corp-old' } });

    const overview = await showOverview({ ctx: as('viewer'), input: {} });
    expect(overview.account).toEqual({ name: account.name, timeZone: 'Asia/Tokyo' });
    expect(overview.integrations.map((i) => [i.name, i.state, i.held, i.awaitingApproval, i.blockedBy])).toEqual([
      ['corp-ad', 'enabled', 36, 0, ['corp-old', 'lab']],
      ['corp-old', 'disabled', 0, 0, []],
      ['hq', 'enabled', 1, 3, ['corp-old']],
      ['lab', 'error', 0, 0, []],
    ]);
    const [ad, old, hqRow, labRow] = overview.integrations;
    expect(ad!.lastRun).toMatchObject({ run: failed, integration: 'corp-ad', status: 'failed', failure: { reason: 'connection_refused' } });
    expect(hqRow!.lastRun).toMatchObject({ status: 'queued', finishedAt: null });
    expect(labRow!.lastRun).toBeNull();
    expect(old).toMatchObject({ stateReason: 'DC retired', nextRunAt: null });
    // 09:00 in Tokyo is 00:00 UTC; errored integrations stay scheduled.
    expect(ad!.nextRunAt).toMatch(/T00:00:00\.000Z$/);
    expect(labRow!.nextRunAt).toMatch(/T00:00:00\.000Z$/);

    expect(overview.banners).toEqual([
      { integration: 'corp-old', state: 'disabled', since: old!.stateChangedAt, blocking: 37, byKind: expect.objectContaining({ delete_user: 37 }), integrations: ['corp-ad', 'hq'] },
      { integration: 'lab', state: 'error', since: labRow!.stateChangedAt, blocking: 36, byKind: expect.objectContaining({ delete_user: 36 }), integrations: ['corp-ad'] },
    ]);
    // The facts carry what the banner says.
    expect(overview.banners.map((b) => blockingSentence(b, new Date()).join(''))).toEqual([
      expect.stringMatching(/^corp-old has been disabled for (less than a minute|1 minute) and is blocking 37 destructive changes in 2 integrations$/),
      'lab has been in error for 5 hours and is blocking 36 destructive changes in 1 integration',
    ]);
    expect(overview).toMatchObject({ pendingApprovals: 1, openAlerts: 1 });
  });

  it('names the changes of a deleted integration as they were, and leaves out approvals past their expiry', async () => {
    const { as, account } = await testAccount(db.store);
    await updateAccount({ ctx: as('admin'), input: { deletionThresholdPercent: 100 } });
    await addIntegration({ ctx: as('admin'), input: adInput({ name: 'gone' }) });
    await addIntegration({ ctx: as('admin'), input: adInput({ name: 'other' }) });
    const gone = await integrationId(account.id, 'gone');
    await disableIntegration({ ctx: as('operator'), input: { name: 'other' } });
    const { request } = await requestDelete({ ctx: as('operator', 'olga'), input: { name: 'gone' } });
    await approveRequest({ ctx: as('admin', 'ada'), input: { id: request.id } });
    await hold(account.id, gone, 2, ['other']);
    await addIntegration({ ctx: as('admin'), input: adInput({ name: 'soon' }) });
    await requestDelete({ ctx: as('operator', 'olga'), input: { name: 'soon' } });

    const tomorrow = { ...as('viewer'), now: () => new Date(Date.now() + 25 * HOUR) };
    const overview = await showOverview({ ctx: tomorrow, input: {} });
    expect(overview.integrations.map((i) => i.name)).toEqual(['other', 'soon']);
    expect(overview.banners).toEqual([expect.objectContaining({ integration: 'other', blocking: 2, integrations: ['gone'] })]);
    expect(blockingSentence(overview.banners[0]!, tomorrow.now()).join('')).toBe('other has been disabled for 25 hours and is blocking 2 destructive changes in 1 integration');
    expect(overview.pendingApprovals).toBe(0);
  });

  it('takes the newest run of every integration in one query, whatever the history', async () => {
    const { as, account } = await testAccount(db.store);
    const seed = await seedDashboard(db, account.id, { integrations: 60, runs: 900 });
    const overview = await showOverview({ ctx: as('viewer'), input: {} });
    expect(overview.integrations).toHaveLength(60);
    for (const row of overview.integrations) {
      const [newest] = await db.store.runs.history(await integrationId(account.id, row.name), 1);
      expect(row.lastRun?.run).toBe(newest!.id);
    }
    expect(overview.banners.map((b) => b.integration)).toEqual(seed.blockers.slice().sort());
    expect(overview.banners.reduce((n, b) => Math.max(n, b.blocking), 0)).toBe(seed.held);
    expect(overview.pendingApprovals).toBe(1);
  });

  it('fails with not_found for an account that does not exist', async () => {
    const { as } = await testAccount(db.store);
    const error = await failure(showOverview({ ctx: { ...as('viewer'), accountId: crypto.randomUUID() }, input: {} }));
    expect(error.code).toBe('not_found');
  });

  it('is open to viewers and shows nothing of another account', async () => {
    const a = await testAccount(db.store);
    const b = await testAccount(db.store);
    await addIntegration({ ctx: a.as('admin'), input: adInput() });
    await finishedRun(a.account.id, await integrationId(a.account.id, 'corp-ad'));
    const other = await showOverview({ ctx: b.as('viewer'), input: {} });
    expect(other).toEqual({ account: { name: b.account.name, timeZone: 'UTC' }, integrations: [], banners: [], pendingApprovals: 0, openAlerts: 0 });
    expect(await db.store.audit.list({ accountId: b.account.id, limit: 5 })).toEqual([]);
  });
});
