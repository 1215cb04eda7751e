import type { CertificateReport } from '../../../core/connection-test.ts';
import { decideGate } from '../../../core/gate.ts';
import type { Repos } from '../../../core/ports.ts';
import type { GateFacts, GateVerdict, RunOutcome } from '../../../core/sync-ports.ts';
import { raiseApproval } from '../../approval/internal.ts';
import { releaseChanges } from '../../change/internal/release.ts';
import type { ReadPlan } from './plan-read.ts';
import type { DirectoryRead } from './read-directory.ts';
import type { RunJob } from './start-run.ts';
import type { PhaseTracker } from './track-phase.ts';

/**
 * Applies a read that passed the check, in one transaction: the users at once, the groups once
 * staged (first, on PGlite: its one connection would be held by the transaction), then the
 * destructive changes through the gate. Then the changes that no longer wait for anything are
 * released. Returns the run's outcome. A dry run goes as far as the gate's decision, raises no
 * approval request, keeps nothing and releases nothing: its outcome lists what it would do.
 */
export async function applyRead(job: RunJob, read: DirectoryRead, certificate: CertificateReport | null, at: PhaseTracker, plan: ReadPlan): Promise<RunOutcome> {
  const { ctx, run, owner, integration, account } = job;
  read.groups.then(() => ctx.progress?.({ type: 'sync.progress', integration: integration.name, runId: run.id, phase: 'applying', entriesRead: read.counts.read }), () => {});
  if (!ctx.store.sync.readsDuringApply) await read.groups;
  at.enter('apply');
  const now = ctx.now();
  const watermark = plan.mark && { mark: plan.mark, fingerprint: plan.fingerprint, full: plan.mode === 'full' };
  const applied = await ctx.store.sync.apply({ runId: run.id, owner, integration, account, now, groupsStaged: read.groups, dryRun: run.dryRun, gate: gateBatch(job, now), watermark });
  const outcome: RunOutcome = { status: 'succeeded', ...applied, counts: { ...applied.counts, skipped: read.counts.skipped }, failure: null, certificate, ...modeOf(plan) };
  at.enter('record', outcome);
  if (!run.dryRun) await ctx.store.transaction((tx) => releaseChanges(tx, account.id, ctx.now(), integration.id));
  if (read.counts.skipped > 0) ctx.log.warn(`${read.counts.skipped} users of ${integration.name} have no ${integration.attributes.uniqueId} and were not synced`, { run: run.id });
  return outcome;
}

/** What a run records of its read: the mode, why a delta fell back, how the delta found its changes. */
export const modeOf = (plan: ReadPlan) => ({ mode: plan.mode, fallbackReason: plan.fallbackReason, deltaMethod: plan.since?.method ?? null });

/** The gate for the run's batch, inside the apply's transaction; a batch that waits for approval raises its request (or refreshes it). */
function gateBatch({ run, integration, account }: RunJob, now: Date) {
  return async (facts: GateFacts, tx: Repos): Promise<GateVerdict> => {
    const decision = decideGate({ ...facts, applying: integration.id, account });
    if (decision.action !== 'await_approval' || run.dryRun) return { decision, approvalRequestId: null };
    const impact = await tx.changes.batchImpact(integration.id);
    const { request } = await raiseApproval(tx, { accountId: account.id, integrationId: integration.id, kind: 'apply_batch', requestedBy: run.actor, impact, runId: run.id, now });
    return { decision, approvalRequestId: request.id };
  };
}
