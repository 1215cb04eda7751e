import { z } from 'zod';
import { CHANGE_KINDS } from '../core/sync.ts';
import { defineCommand } from './define-command.ts';
import { toIntegrationView } from './integration-view.ts';
import { loadAccount } from './load.ts';

/** Every integration with its last run, next scheduled run and open destructive changes. */
export const listIntegrations = defineCommand({
  name: 'integration.list',
  summary: 'Listing integrations',
  minRole: 'viewer',
  audited: false,
  input: z.object({}).default({}),
  async run({ ctx }) {
    const now = ctx.now();
    const [account, rows, open] = await Promise.all([loadAccount(ctx), ctx.store.integrations.list(ctx.accountId), ctx.store.changes.summary(ctx.accountId)]);
    return Promise.all(
      rows.map(async (row) => {
        const [last] = await ctx.store.runs.history(row.id, 1);
        const count = (status: 'held' | 'awaiting_approval') =>
          open.filter((o) => o.integrationId === row.id && o.status === status).reduce((n, o) => n + CHANGE_KINDS.reduce((m, k) => m + o.byKind[k], 0), 0);
        return {
          ...toIntegrationView(row, ctx.pki, now),
          lastRun: last ? { run: last.id, status: last.status, finishedAt: last.finishedAt?.toISOString() ?? null, users: last.counts?.users ?? null, failure: last.failure && { class: last.failure.class, reason: last.failure.reason } } : null,
          nextRun: row.state === 'disabled' ? null : (ctx.cron.nextRuns(row.schedule, account.timeZone, 1, now)[0]?.toISOString() ?? null),
          held: count('held'),
          awaitingApproval: count('awaiting_approval'),
        };
      }),
    );
  },
});
