import { z } from 'zod';
import { actorKey } from '../../core/roles.ts';
import { expireApprovals, raiseApproval } from '../approval/internal.ts';
import { auditEntry, defineCommand } from '../define-command.ts';
import { IntegrationName } from './internal/input.ts';
import { loadIntegration } from '../internal/load.ts';
import { NAME } from '../internal/words.ts';
import { presentDeleteRequest } from '../../presenters/decisions.ts';
import type { ApprovalRecord } from '../../core/sync-ports.ts';

/**
 * `delete <name>`: never deletes by itself. It raises an approval request showing the impact;
 * a second admin approves it (docs/architecture.md#approvals). Asking again returns the pending request.
 */
export interface DeleteRequested {
  request: ApprovalRecord;
  /** False when the same request was already open: it was refreshed, not raised again. */
  created: boolean;
  integration: string;
}

export const requestDelete = defineCommand({
  name: 'integration.request_delete',
  summary: 'Requesting the deletion of an integration',
  minRole: 'operator',
  audited: true,
  input: z.object({ name: IntegrationName }),
  face: {
    words: 'delete',
    args: [NAME],
    summary: 'Request the deletion of an integration; another admin approves',
    details: 'Raises an approval request to delete the integration, showing the impact. Nothing is deleted\nuntil another admin approves it (dirsync approve <id>); its objects then leave through the gate.',
    faces: ['cli', 'chat', 'dashboard'],
    destructive: true,
    inChannel: true,
    present: presentDeleteRequest,
  },
  async run({ ctx, input }): Promise<DeleteRequested> {
    const now = ctx.now();
    return ctx.store.transaction(async (tx) => {
      const integration = await loadIntegration(ctx, input.name, tx, { lock: true });
      await expireApprovals(tx, now, ctx.accountId);
      const impact = await tx.changes.integrationImpact(integration.id);
      const { request, created } = await raiseApproval(tx, {
        accountId: ctx.accountId, integrationId: integration.id, kind: 'delete_integration', requestedBy: actorKey(ctx.actor),
        impact, runId: null, now, ...(ctx.origin && { origin: ctx.origin }),
      });
      await tx.audit.record(auditEntry(ctx, 'integration.request_delete', integration.name, { request: request.id, created, impact }));
      return { request, created, integration: integration.name };
    });
  },
});
