import { z } from 'zod';
import { failureReport } from '../../core/connection-test.ts';
import { ProbeFailure, type ProbeSettings } from '../../core/probe.ts';
import { LostLease, type RunOutcome, type RunRecord } from '../../core/sync-ports.ts';
import { defineCommand } from '../define-command.ts';
import { applyRead, modeOf } from './internal/apply-read.ts';
import { planRead, type ReadPlan } from './internal/plan-read.ts';
import { readDelta } from './internal/read-delta.ts';
import { checkStagedRead } from './internal/check-read.ts';
import { connect } from './internal/connect.ts';
import { finishRun } from './internal/finish-run.ts';
import { keepLease, type Lease } from './internal/keep-lease.ts';
import { noResult } from './internal/outcome.ts';
import { readDirectory, type DirectoryRead } from './internal/read-directory.ts';
import { openServers, startRun, type RunJob } from './internal/start-run.ts';
import { trackPhase, type PhaseTracker } from './internal/track-phase.ts';

export const ExecuteSyncInput = z.object({
  runId: z.number().int().positive(),
  /** The worker holding the run's lease. */
  owner: z.string().min(1),
  leaseMs: z.number().int().min(1000),
});

/**
 * Runs one claimed sync: connect (the test's stages), read every page into staging, refuse a
 * suspicious read, then the SQL diff and the gate in one transaction, and record the outcome.
 * A worker calls this with a system actor after claiming the run; the lease is renewed while
 * it works. A run taken over by another worker meanwhile stops and records nothing.
 */
export const executeSync = defineCommand({
  name: 'sync.execute',
  summary: 'Running a sync',
  minRole: 'admin',
  audited: false,
  input: ExecuteSyncInput,
  async run({ ctx, input }): Promise<RunRecord | null> {
    const started = await startRun(ctx, input.runId, input.owner);
    if ('ended' in started) return started.ended;
    const { job } = started;
    const servers = await openServers(job);
    if (!servers) return ctx.store.runs.get(input.runId);
    const lease = keepLease(job, input.leaseMs);
    const at = trackPhase(job, lease);
    let outcome: RunOutcome;
    try {
      outcome = await syncDirectory(job, servers, lease, at);
    } catch (e) {
      if (!(e instanceof LostLease)) throw at.lost(e);
      ctx.log.warn('a run was taken over by another worker; this one stops', { run: input.runId });
      return ctx.store.runs.get(input.runId);
    } finally {
      lease.stop();
      // Without a database the scheduler's sweep drops it later; that is not news.
      await ctx.store.sync.clearStaging(input.runId).catch((e: unknown) => ctx.store.connectionLoss(e) ?? ctx.log.warn('could not clear staging', { run: input.runId, err: e }));
    }
    at.enter('record', outcome);
    await finishRun(ctx, job.run, job.integration, job.owner, { ...outcome, entriesRead: lease.entriesRead }).catch((e: unknown) => {
      throw at.lost(e);
    });
    return ctx.store.runs.get(input.runId);
  },
});

/**
 * connect → read → check → apply. What the directory did is the outcome, a failed one included;
 * a lost lease or a database error is thrown. No read is left running either way.
 */
async function syncDirectory(job: RunJob, servers: ProbeSettings[], lease: Lease, at: PhaseTracker): Promise<RunOutcome> {
  const { report, probe } = await connect(job, servers, lease);
  if (!probe) return noResult('failed', { failure: report.failure, certificate: report.certificate });
  const { certificate } = report;
  const started = performance.now();
  let read: DirectoryRead | null = null;
  let plan: ReadPlan | null = null;
  try {
    plan = await planRead(job, probe);
    read = plan.since ? await readDelta(job, probe, lease, plan.since) : await readDirectory(job, probe, lease);
    // A delta's staging is complete by now (the rest taken from Postgres): the same check applies.
    const suspect = await checkStagedRead(job);
    if (suspect) return noResult('failed', { failure: suspect, certificate, ...modeOf(plan) });
    return await applyRead(job, read, certificate, at, plan);
  } catch (e) {
    if (!(e instanceof ProbeFailure)) throw e;
    // A read that broke off derives nothing: the apply rolled back, staging is dropped.
    const secrets = servers.flatMap((s) => [s.bindPassword, ...(s.clientKeyPem ? [s.clientKeyPem] : [])]);
    const failure = failureReport('search', e, performance.now() - started, servers[0]!.operationTimeoutMs, { host: probe.host, port: probe.port }, secrets);
    return noResult('failed', { failure: { ...failure, stage: 'read' }, certificate, ...(plan ? modeOf(plan) : {}) });
  } finally {
    await read?.end();
    await probe.close().catch(() => {});
  }
}
