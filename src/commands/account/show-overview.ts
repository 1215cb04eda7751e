import { z } from 'zod';
import type { IntegrationState } from '../../core/integration.ts';
import { findLingering, openChangesByIntegration } from '../../core/lingering.ts';
import type { ByKind } from '../../core/sync.ts';
import { defineCommand } from '../define-command.ts';
import { integrationNames, loadAccount } from '../internal/load.ts';
import { toRunView, type RunView } from '../sync/internal/run-view.ts';

export interface OverviewRow {
  name: string;
  kind: string;
  state: IntegrationState;
  stateChangedAt: string;
  stateReason: string | null;
  /** The newest run, whatever its status (a queued or running one included). */
  lastRun: RunView | null;
  /** The next scheduled run in the account's time zone; null when disabled (nothing is scheduled). */
  nextRunAt: string | null;
  /** Its destructive changes held by the gate, and those waiting for an approval. */
  held: number;
  awaitingApproval: number;
  /** Names of the integrations its held changes wait for. */
  blockedBy: string[];
}

/** A disabled or failing integration that holds back destructive changes, however briefly so far. */
export interface BlockingBanner {
  integration: string;
  state: 'disabled' | 'error';
  since: string;
  /** Held destructive changes it blocks (presenters/words.ts `blockingSentence` says it). */
  blocking: number;
  byKind: ByKind;
  /** The integrations whose changes it blocks. */
  integrations: string[];
}

export interface Overview {
  account: { name: string; timeZone: string };
  integrations: OverviewRow[];
  banners: BlockingBanner[];
  /** Approval requests still open (not past their expiry). */
  pendingApprovals: number;
  openAlerts: number;
}

// Pending requests are unique per (integration, kind), so this bounds them for any real account.
const MAX_PENDING = 1000;

/**
 * The dashboard's front page: every integration's state, last and next run and open changes,
 * what blocks the gate, and what waits for someone. A fixed number of queries, whatever the
 * number of integrations or runs.
 */
export const showOverview = defineCommand({
  name: 'account.show_overview',
  summary: 'Showing the overview',
  minRole: 'viewer',
  audited: false,
  input: z.object({}).default({}),
  face: { words: 'overview', summary: 'Every integration at a glance, and what blocks destructive changes', faces: ['dashboard'] },
  async run({ ctx }): Promise<Overview> {
    const now = ctx.now();
    const [account, integrations, held, latest, approvals, alerts] = await Promise.all([
      loadAccount(ctx),
      ctx.store.integrations.list(ctx.accountId),
      ctx.store.changes.summary(ctx.accountId),
      ctx.store.runs.latestPerIntegration(ctx.accountId),
      ctx.store.approvals.list(ctx.accountId, { statuses: ['pending'], limit: MAX_PENDING }),
      ctx.store.alerts.open(ctx.accountId),
    ]);
    const open = openChangesByIntegration(held);
    // Integrations mostly share a few schedules, and each cron evaluation costs ~0.1 ms.
    const nextRuns = new Map<string, string | null>();
    const nextRunOf = (schedule: string) => {
      if (!nextRuns.has(schedule)) nextRuns.set(schedule, ctx.cron.nextRuns(schedule, account.timeZone, 1, now)[0]?.toISOString() ?? null);
      return nextRuns.get(schedule)!;
    };
    const lastRuns = new Map(latest.map((r) => [r.integrationId, r]));
    const rows = integrations.map((i): OverviewRow => {
      const run = lastRuns.get(i.id);
      const changes = open.get(i.id);
      return {
        name: i.name,
        kind: i.kind,
        state: i.state,
        stateChangedAt: i.stateChangedAt.toISOString(),
        stateReason: i.stateReason,
        lastRun: run ? toRunView(run, i.name) : null,
        // Errored integrations stay scheduled: a passing run is what takes them out of error.
        nextRunAt: i.state === 'disabled' ? null : nextRunOf(i.schedule),
        held: changes?.held ?? 0,
        awaitingApproval: changes?.awaitingApproval ?? 0,
        blockedBy: changes?.blockedBy ?? [],
      };
    });
    // Held changes of deleted integrations still count, under the name they had.
    const nameOf = await integrationNames(ctx, held.map((h) => h.integrationId), integrations);
    const banners = findLingering({ integrations, held, lingeringHours: 0, now, nameOf: (id) => nameOf(id).name }).map((w): BlockingBanner => {
      return { integration: w.integration, state: w.state, since: w.since.toISOString(), blocking: w.blocks.total, byKind: w.blocks.byKind, integrations: w.blocks.integrations };
    });
    return {
      account: { name: account.name, timeZone: account.timeZone },
      integrations: rows,
      banners,
      pendingApprovals: approvals.filter((a) => a.expiresAt > now).length,
      openAlerts: alerts.length,
    };
  },
});
