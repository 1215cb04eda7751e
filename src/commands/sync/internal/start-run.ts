import type { Account } from '../../../core/account.ts';
import type { Integration } from '../../../core/integration.ts';
import type { ProbeSettings } from '../../../core/probe.ts';
import { MAX_RUN_ATTEMPTS, type RunRecord } from '../../../core/sync-ports.ts';
import type { CommandContext } from '../../context.ts';
import { probeSettings } from '../../integration/test.ts';
import { finishRun } from './finish-run.ts';
import { noResult } from './outcome.ts';

/** A claimed run being executed, with what every phase of it needs. */
export interface RunJob {
  ctx: CommandContext;
  run: RunRecord;
  integration: Integration;
  account: Account;
  /** The worker holding the run's lease. */
  owner: string;
}

/**
 * The run `owner` claimed, ready to sync; or, when there is nothing to sync, the run as it now
 * stands: not (or no longer) this owner's; failed, after MAX_RUN_ATTEMPTS attempts that ended
 * without a result; or cancelled, its integration deleted or disabled since it was queued
 * (nothing to sync, and nothing failed).
 */
export async function startRun(ctx: CommandContext, runId: number, owner: string): Promise<{ job: RunJob } | { ended: RunRecord | null }> {
  const run = await ctx.store.runs.get(runId);
  if (!run || run.status !== 'running' || run.leaseOwner !== owner) return { ended: run };
  const integration = await ctx.store.integrations.findById(run.integrationId);
  const account = await ctx.store.accounts.findById(run.accountId);
  if (run.attempt > MAX_RUN_ATTEMPTS) {
    await ctx.store.runs.finish(run.id, owner, noResult('failed', { error: `gave up after ${MAX_RUN_ATTEMPTS} attempts that ended without a result (see the logs)` }));
    return { ended: await ctx.store.runs.get(run.id) };
  }
  if (!integration || !account || integration.deletedAt || integration.state === 'disabled') {
    await ctx.store.runs.finish(run.id, owner, noResult('cancelled'));
    return { ended: await ctx.store.runs.get(run.id) };
  }
  return { job: { ctx, run, integration, account, owner } };
}

/**
 * The integration's servers with its stored secrets opened. A secret that cannot be opened is
 * neither the directory's fault nor transient: the run is recorded as failed at once, saying
 * so, and null returned.
 */
export async function openServers(job: RunJob): Promise<ProbeSettings[] | null> {
  try {
    return await probeSettings(job.ctx, job.integration);
  } catch (e) {
    const error = `the stored bind password cannot be opened: ${(e as Error).message}`;
    await finishRun(job.ctx, job.run, job.integration, job.owner, noResult('failed', { error }));
    return null;
  }
}
