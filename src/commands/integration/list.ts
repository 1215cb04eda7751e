import { z } from 'zod';
import { openChangesByIntegration } from '../../core/lingering.ts';
import { defineCommand } from '../define-command.ts';
import { toIntegrationView } from './internal/view.ts';
import { loadAccount } from '../internal/load.ts';
import { presentList } from '../../presenters/integrations.ts';
import type { CommandContext } from '../context.ts';

/** Every integration with its last run, next scheduled run and open destructive changes. */
async function listed({ ctx }: { ctx: CommandContext }) {
  const now = ctx.now();
  const [account, rows, open, latest] = await Promise.all([
    loadAccount(ctx),
    ctx.store.integrations.list(ctx.accountId),
    ctx.store.changes.summary(ctx.accountId),
    ctx.store.runs.latestPerIntegration(ctx.accountId),
  ]);
  const counts = openChangesByIntegration(open);
  const lastRuns = new Map(latest.map((r) => [r.integrationId, r]));
  return rows.map((row) => {
    const last = lastRuns.get(row.id);
    return {
      ...toIntegrationView(row, ctx.pki, now),
      lastRun: last ? { run: last.id, status: last.status, finishedAt: last.finishedAt?.toISOString() ?? null, users: last.counts?.users ?? null, failure: last.failure && { class: last.failure.class, reason: last.failure.reason } } : null,
      nextRun: row.state === 'disabled' ? null : (ctx.cron.nextRuns(row.schedule, account.timeZone, 1, now)[0]?.toISOString() ?? null),
      held: counts.get(row.id)?.held ?? 0,
      awaitingApproval: counts.get(row.id)?.awaitingApproval ?? 0,
    };
  });
}

/** One integration as `list` shows it: its view, last and next run, open changes. */
export type ListedIntegration = Awaited<ReturnType<typeof listed>>[number];

export const listIntegrations = defineCommand({
  name: 'integration.list',
  summary: 'Listing integrations',
  minRole: 'viewer',
  audited: false,
  input: z.object({}).default({}),
  face: {
    words: 'list',
    aliases: ['integrations list'],
    summary: 'Integrations with their state, last run and held changes',
    faces: ['cli', 'chat'],
    menu: 2,
    present: presentList,
  },
  run: listed,
});
