import { z } from 'zod';
import { defineCommand } from '../define-command.ts';
import { IntegrationName } from '../integration/internal/input.ts';
import { loadIntegration } from '../internal/load.ts';
import { toRunView } from './internal/run-view.ts';
import { NAME } from '../internal/words.ts';
import { presentHistory } from '../../presenters/history.ts';
import type { RunView } from './internal/run-view.ts';

export interface SyncHistory {
  integration: string;
  runs: RunView[];
}

export const syncHistory = defineCommand({
  name: 'sync.history',
  summary: 'Reading sync history',
  minRole: 'viewer',
  audited: false,
  input: z.object({ name: IntegrationName, limit: z.number().int().min(1).max(500).default(20), beforeId: z.number().int().positive().optional() }),
  face: {
    words: 'history',
    args: [NAME],
    options: [
      { key: 'limit', name: 'limit', kind: 'integer', value: 'N', help: 'How many runs (default 20, at most 500)' },
      { key: 'beforeId', name: 'before', kind: 'integer', value: 'RUN', help: 'Older than this run: page back with the smallest run shown' },
    ],
    summary: 'Recent runs with counts and failures',
    faces: ['cli', 'chat', 'dashboard'],
    menu: 6,
    present: presentHistory,
  },
  async run({ ctx, input }): Promise<SyncHistory> {
    const integration = await loadIntegration(ctx, input.name);
    const runs = await ctx.store.runs.history(integration.id, input.limit, input.beforeId);
    return { integration: integration.name, runs: runs.map((r) => toRunView(r, integration.name)) };
  },
});
