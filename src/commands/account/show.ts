import { z } from 'zod';
import { defineCommand } from '../define-command.ts';
import { loadAccount } from '../internal/load.ts';

export const showAccount = defineCommand({
  name: 'account.show',
  summary: 'Showing the account',
  minRole: 'viewer',
  audited: false,
  input: z.object({}).default({}),
  face: { words: 'account show', summary: 'Account settings: time zone, approval threshold, lingering age', faces: ['cli'] },
  run: ({ ctx }) => loadAccount(ctx),
});
