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
  face: {
    words: 'audit',
    options: [
      { key: 'target', name: 'integration', kind: 'text', value: 'NAME', help: 'Entries about this integration' },
      { key: 'action', name: 'action', kind: 'text', value: 'ACTION', help: 'entity.verb, e.g. integration.add' },
      { key: 'actor', name: 'actor', kind: 'text', value: 'ACTOR', help: 'platform:id, e.g. cli:alice' },
      { key: 'limit', name: 'limit', kind: 'integer', value: 'N', help: 'How many (default 50, at most 500)' },
      { key: 'beforeId', name: 'before', kind: 'integer', value: 'ID', help: 'Older than this entry: page back with the smallest id shown' },
    ],
    summary: 'Read the audit log, newest first',
    faces: ['cli', 'dashboard'],
  },
  run: ({ ctx, input }) => ctx.store.audit.list({ accountId: ctx.accountId, ...input }),
});
