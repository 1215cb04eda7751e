import { z } from 'zod';
import { defineCommand } from '../define-command.ts';

export const ListAuditInput = z.object({
  limit: z.number().int().min(1).max(500).default(50),
  beforeId: z.number().int().positive().optional(),
  action: z.string().trim().min(1).optional(),
  actor: z.string().trim().min(1).optional(),
  target: z.string().trim().min(1).optional(),
});

export const listAudit = defineCommand({
  name: 'audit.list',
  summary: 'Reading the audit log',
  minRole: 'operator',
  audited: false,
  input: ListAuditInput,
  run: ({ ctx, input }) => ctx.store.audit.list({ accountId: ctx.accountId, ...input }),
});
