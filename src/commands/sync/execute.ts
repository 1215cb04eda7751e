import { z } from 'zod';
import { connectDirectory, failureReport } from '../../core/connection-test.ts';
import { checklistFor, EXPLANATIONS } from '../../core/failures.ts';
import { decideGate } from '../../core/gate.ts';
import { ProbeFailure } from '../../core/probe.ts';
import { checkRead } from '../../core/read-sanity.ts';
import type { RunFailure } from '../../core/sync.ts';
import { DatabaseConnectionLost, LostLease, MAX_RUN_ATTEMPTS, type RunOutcome, type RunPhase, type RunRecord } from '../../core/sync-ports.ts';
import { raiseApproval } from '../approval/internal.ts';
import { defineCommand } from '../define-command.ts';
import { releaseChanges } from '../change/internal/release.ts';
import { finishRun } from './internal/finish-run.ts';
import { readGroups, readUsers } from './internal/read-directory.ts';
import { probeSettings } from '../integration/test.ts';

export const ExecuteSyncInput = z.object({
  runId: z.number().int().positive(),
  /** The worker holding the run's lease. */
  owner: z.string().min(1),
  leaseMs: z.number().int().min(1000),
});

/**
 * Runs one claimed sync: connect (the test's stages), read every page into staging, refuse a
 * suspicious read, then the SQL diff and the gate in one transaction. A worker calls this with
 * a system actor after claiming the run; the lease is renewed while it works.
 */
export const executeSync = defineCommand({
  name: 'sync.execute',
  summary: 'Running a sync',
  minRole: 'admin',
  audited: false,
  input: ExecuteSyncInput,
  async run({ ctx, input }): Promise<RunRecord | null> {
    const run = await ctx.store.runs.get(input.runId);
    if (!run || run.status !== 'running' || run.leaseOwner !== input.owner) return run;
    const integration = await ctx.store.integrations.findById(run.integrationId);
    const account = await ctx.store.accounts.findById(run.accountId);
    if (run.attempt > MAX_RUN_ATTEMPTS) {
      await ctx.store.runs.finish(run.id, input.owner, { ...empty(), status: 'failed', error: `gave up after ${MAX_RUN_ATTEMPTS} attempts that ended without a result (see the logs)` });
      return ctx.store.runs.get(run.id);
    }
    if (!integration || !account || integration.deletedAt || integration.state === 'disabled') {
      // Deleted or disabled after the run was queued: nothing to sync, and nothing failed.
      await ctx.store.runs.finish(run.id, input.owner, { ...empty(), status: 'cancelled' });
      return ctx.store.runs.get(run.id);
    }
    let entriesRead = 0;
    let lost = false;
    // Where the run is, should its database go away: the phase, and once applied, the outcome.
    let phase: RunPhase = 'read';
    let reached: RunOutcome | null = null;
    const lostOr = (e: unknown) => {
      const diagnostic = ctx.store.connectionLoss(e);
      return diagnostic === null ? e : new DatabaseConnectionLost({ runId: run.id, integration: integration.name, phase, diagnostic, outcome: reached && { ...reached, entriesRead } });
    };
    const renew = setInterval(() => {
      ctx.store.runs.renew(run.id, input.owner, input.leaseMs, entriesRead).then(
        (mine) => void (lost ||= !mine),
        (e: unknown) => ctx.log.warn('could not renew a run lease', { run: run.id, err: e }),
      );
      // Often enough for followers (another CLI, the dashboard) to show live progress.
    }, Math.max(500, Math.min(2000, Math.floor(input.leaseMs / 3))));
    const progress = (phase: 'connecting' | 'users' | 'groups', read: number) => {
      entriesRead = read;
      if (lost) throw new LostLease(run.id);
      ctx.progress?.({ type: 'sync.progress', integration: integration.name, runId: run.id, phase, entriesRead: read });
    };
    let servers;
    try {
      servers = await probeSettings(ctx, integration);
    } catch (e) {
      // Not the directory's fault and not transient: say so now rather than retry.
      clearInterval(renew);
      const error = `the stored bind password cannot be opened: ${(e as Error).message}`;
      await finishRun(ctx, run, integration, input.owner, { ...empty(), status: 'failed', error });
      return ctx.store.runs.get(run.id);
    }
    const secrets = servers.flatMap((s) => [s.bindPassword, ...(s.clientKeyPem ? [s.clientKeyPem] : [])]);
    let outcome: RunOutcome;
    try {
      progress('connecting', 0);
      const rt = { connector: ctx.directory, clock: () => performance.now(), now: ctx.now };
      const { report, probe } = await connectDirectory({ integration: integration.name, servers, baseDns: integration.baseDns }, rt);
      if (!probe) {
        outcome = { ...empty(), status: 'failed', failure: report.failure, certificate: report.certificate };
      } else {
        const started = performance.now();
        const staging = await ctx.store.sync.staging(run.id);
        const counts = { read: 0, skipped: 0 };
        let groups: Promise<void> | null = null;
        try {
          await readUsers(staging, integration, probe, counts, progress);
          // The groups are read while the users are checked (and then applied, on Postgres, in
          // one transaction that also takes the groups or rolls everything back if their read
          // fails). Observed through apply, or awaited on every other path.
          groups = readGroups(staging, integration, probe, counts, progress);
          groups.catch(() => {});
          const [read, known] = await Promise.all([ctx.store.sync.stagedUsers(run.id, integration), ctx.store.sync.knownUsers(integration.id)]);
          const suspect = checkRead({ read, known, account, acceptDrop: run.acceptDrop });
          if (suspect) {
            await probe.close(); // ends the group read
            await groups.catch(() => {});
            await staging.abort();
            outcome = { ...empty(), status: 'failed', certificate: report.certificate, failure: dataFailure(suspect.reason, suspect.message) };
          } else {
            // Once staged, the rest is applying.
            groups.then(() => ctx.progress?.({ type: 'sync.progress', integration: integration.name, runId: run.id, phase: 'applying', entriesRead: counts.read }), () => {});
            if (!ctx.store.sync.readsDuringApply) await groups;
            phase = 'apply';
            const now = ctx.now();
            const applied = await ctx.store.sync.apply({
              runId: run.id, owner: input.owner, integration, account, now, groupsStaged: groups,
              // Decided inside the apply's transaction: a batch that waits for approval raises its request there.
              gate: async (facts, tx) => {
                const decision = decideGate({ ...facts, applying: integration.id, account });
                if (decision.action !== 'await_approval') return { decision, approvalRequestId: null };
                const impact = await tx.changes.batchImpact(integration.id);
                const { request } = await raiseApproval(tx, { accountId: account.id, integrationId: integration.id, kind: 'apply_batch', requestedBy: run.actor, impact, runId: run.id, now });
                return { decision, approvalRequestId: request.id };
              },
            });
            outcome = {
              status: 'succeeded',
              counts: { ...applied.counts, skipped: counts.skipped },
              destructive: applied.destructive,
              blockedBy: applied.blockedBy,
              approvalRequestId: applied.approvalRequestId,
              duplicates: applied.duplicates,
              failure: null,
              certificate: report.certificate,
            };
            [phase, reached] = ['record', outcome];
            await ctx.store.transaction((tx) => releaseChanges(tx, account.id, ctx.now(), integration.id));
            if (counts.skipped > 0) ctx.log.warn(`${counts.skipped} users of ${integration.name} have no ${integration.attributes.uniqueId} and were not synced`, { run: run.id });
          }
        } catch (e) {
          await probe.close().catch(() => {}); // stops a group read still in progress
          await staging.abort().catch(() => {});
          await groups?.catch(() => {});
          if (!(e instanceof ProbeFailure)) throw e;
          // A read that broke off derives nothing: the transaction rolled back, staging is dropped below.
          const failure = failureReport('search', e, performance.now() - started, servers[0]!.operationTimeoutMs, { host: probe.host, port: probe.port }, secrets);
          outcome = { ...empty(), status: 'failed', certificate: report.certificate, failure: { ...failure, stage: 'read' } };
        } finally {
          await probe.close().catch(() => {});
        }
      }
    } catch (e) {
      if (e instanceof LostLease) {
        ctx.log.warn('a run was taken over by another worker; this one stops', { run: run.id });
        return ctx.store.runs.get(run.id);
      }
      throw lostOr(e);
    } finally {
      clearInterval(renew);
      // Without a database the scheduler's sweep drops it later; that is not news.
      await ctx.store.sync.clearStaging(run.id).catch((e: unknown) => ctx.store.connectionLoss(e) ?? ctx.log.warn('could not clear staging', { run: run.id, err: e }));
    }
    [phase, reached] = ['record', outcome];
    await finishRun(ctx, run, integration, input.owner, { ...outcome, entriesRead }).catch((e: unknown) => {
      throw lostOr(e);
    });
    return ctx.store.runs.get(run.id);
  },
});

function empty(): Omit<RunOutcome, 'status'> {
  return { counts: null, destructive: null, blockedBy: null, approvalRequestId: null, duplicates: null, failure: null, certificate: null };
}

function dataFailure(reason: 'empty_result' | 'sudden_drop', message: string): RunFailure {
  return { class: 'directory_data', reason, stage: 'read', message: `${EXPLANATIONS[reason]} ${message}`, diagnostic: '', checklist: checklistFor(reason) };
}
