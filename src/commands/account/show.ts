import { z } from 'zod';
import { defineCommand } from '../define-command.ts';
import { loadAccount } from '../internal/load.ts';

export const showAccount = defineCommand({
  name: 'account.show',
  summary: 'Showing the account',
  minRole: 'viewer',
  audited: false,
  input: z.object({}).default({}),
  run: ({ ctx }) => loadAccount(ctx),
});
