import { checklistFor, EXPLANATIONS } from '../../../core/failures.ts';
import type { RunFailure } from '../../../core/sync.ts';
import { lostDuring, MAX_RUN_ATTEMPTS, type DatabaseConnectionLost, type RunRecord } from '../../../core/sync-ports.ts';
import type { CommandContext } from '../../context.ts';
import { finishRun } from './finish-run.ts';
import { noResult } from './outcome.ts';

/**
 * Records a run whose database went away, once it answers again (the caller retries until it
 * does). If only the recording was lost, the outcome the run had reached is recorded. Else the
 * run fails as dirsync's own (class internal: the directory's state and alerts are untouched)
 * and the sync is queued again at once, for the same trigger and actor, unless the runs before
 * it were lost the same way MAX_RUN_ATTEMPTS times in a row: then the schedule tries next.
 * Nothing happens to a run taken over meanwhile (its lease expired): the new owner reports.
 */
export async function finishLostRun(ctx: CommandContext, lost: DatabaseConnectionLost, owner: string): Promise<void> {
  const run = await ctx.store.runs.get(lost.runId);
  if (!run || run.status !== 'running' || run.leaseOwner !== owner) return;
  const integration = await ctx.store.integrations.findById(run.integrationId);
  if (!integration) return;
  if (lost.outcome) {
    await finishRun(ctx, run, integration, owner, lost.outcome);
    return;
  }
  const before = await ctx.store.runs.history(run.integrationId, MAX_RUN_ATTEMPTS, run.id);
  const streak = before.findIndex((r) => !lostToDatabase(r));
  const retry = (streak === -1 ? before.length : streak) < MAX_RUN_ATTEMPTS - 1;
  if (!(await finishRun(ctx, run, integration, owner, noResult('failed', { failure: databaseFailure(lost, retry) }))) || !retry) return;
  await ctx.store.runs.request({ accountId: run.accountId, integrationId: run.integrationId, trigger: run.trigger, actor: run.actor, acceptDrop: run.acceptDrop, dryRun: run.dryRun, now: ctx.now() });
}

const lostToDatabase = (r: RunRecord) => r.status === 'failed' && r.failure?.reason === 'database_connection_lost';

function databaseFailure(lost: DatabaseConnectionLost, retry: boolean): RunFailure {
  const what = lost.phase === 'apply' ? 'its transaction was rolled back: nothing of this run was applied' : 'nothing of this run was applied';
  const next = retry ? 'the sync was queued again when the database answered' : `${MAX_RUN_ATTEMPTS} runs in a row were lost this way, so the next one waits for the schedule`;
  return {
    class: 'internal',
    reason: 'database_connection_lost',
    stage: lost.phase === 'apply' ? 'apply' : 'read',
    message: `${EXPLANATIONS.database_connection_lost} ${capitalise(lostDuring(lost.phase))}: ${what}; ${next}.`,
    diagnostic: lost.diagnostic,
    checklist: checklistFor('database_connection_lost'),
  };
}

const capitalise = (s: string) => s[0]!.toUpperCase() + s.slice(1);
