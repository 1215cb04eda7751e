import { decideRunAlerts } from '../../../core/alert-policy.ts';
import type { Integration } from '../../../core/integration.ts';
import { actorKey } from '../../../core/roles.ts';
import type { RunOutcome, RunRecord } from '../../../core/sync-ports.ts';
import type { CommandContext } from '../../context.ts';
import { recordAlerts } from '../../alert/internal/record-alerts.ts';

/**
 * Records a run's outcome, moves the integration into or out of `error` (a failed run → error,
 * a good run → enabled; disabled stays disabled), opens, repeats or resolves its alerts, and
 * audits it under whoever asked for it — all in one transaction. A failure of dirsync's own
 * (class internal) says nothing about the directory: the state stays as it was. False when the
 * run was no longer this owner's. A dry run records its outcome and findings, and nothing else.
 */
export async function finishRun(ctx: CommandContext, run: RunRecord, integration: Integration, owner: string, outcome: RunOutcome): Promise<boolean> {
  const now = ctx.now();
  return ctx.store.transaction(async (tx) => {
    if (!(await tx.runs.finish(run.id, owner, outcome))) return false; // taken over: the new owner reports
    // A dry run leaves nothing but its record: no state, no alert (its request was audited).
    if (run.dryRun) return true;
    const current = await tx.integrations.findById(integration.id);
    if (current && !current.deletedAt) {
      const f = outcome.failure;
      if (outcome.status === 'succeeded' && current.state === 'error') {
        await tx.integrations.setState(current.id, 'enabled', null, now);
      } else if (outcome.status === 'failed' && current.state === 'enabled' && f?.class !== 'internal') {
        await tx.integrations.setState(current.id, 'error', `sync #${run.id} failed: ${f ? `${f.class}/${f.reason}` : outcome.error ?? 'see the run'}`, now);
      }
    }
    await tx.alerts.lock(run.accountId);
    const open = await tx.alerts.open(run.accountId, integration.id);
    const plans = decideRunAlerts({ integrationId: integration.id, run: { id: run.id, status: outcome.status, failure: outcome.failure }, open, now });
    await recordAlerts(tx, run.accountId, plans, now);
    const f = outcome.failure;
    await tx.audit.record({
      accountId: run.accountId,
      at: now,
      actor: run.actor,
      action: 'sync.run',
      target: integration.name,
      // The run failing is what the audit log must show; cancelled runs are not failures.
      outcome: outcome.status === 'failed' ? 'failed' : 'ok',
      detail: {
        run: run.id,
        status: outcome.status,
        worker: actorKey(ctx.actor),
        destructive: outcome.destructive && { applied: outcome.destructive.applied, held: outcome.destructive.held, awaitingApproval: outcome.destructive.awaitingApproval },
        failure: f ? { class: f.class, reason: f.reason, stage: f.stage } : null,
        error: outcome.error ?? null,
      },
    });
    return true;
  });
}
