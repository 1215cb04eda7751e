import { z } from 'zod';
import { defineCommand } from './define-command.ts';
import { toIntegrationView } from './integration-view.ts';

export const listIntegrations = defineCommand({
  name: 'integration.list',
  summary: 'Listing integrations',
  minRole: 'viewer',
  audited: false,
  input: z.object({}).default({}),
  async run({ ctx }) {
    const rows = await ctx.store.integrations.list(ctx.accountId);
    return rows.map((row) => toIntegrationView(row, ctx.pki, ctx.now()));
  },
});
