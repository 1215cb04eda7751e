import { z } from 'zod';
import { defineCommand } from '../define-command.ts';
import { IntegrationName } from '../integration/internal/input.ts';
import { loadIntegration } from '../internal/load.ts';
import { toRunView } from './internal/run-view.ts';

export const syncHistory = defineCommand({
  name: 'integration.history',
  summary: 'Reading sync history',
  minRole: 'viewer',
  audited: false,
  input: z.object({ name: IntegrationName, limit: z.number().int().min(1).max(500).default(20), beforeId: z.number().int().positive().optional() }),
  async run({ ctx, input }) {
    const integration = await loadIntegration(ctx, input.name);
    const runs = await ctx.store.runs.history(integration.id, input.limit, input.beforeId);
    return { integration: integration.name, runs: runs.map((r) => toRunView(r, integration.name)) };
  },
});
