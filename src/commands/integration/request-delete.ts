import { z } from 'zod';
import { actorKey } from '../../core/roles.ts';
import { expireApprovals, raiseApproval } from '../approval/internal.ts';
import { auditEntry, defineCommand } from '../define-command.ts';
import { IntegrationName } from './internal/input.ts';
import { loadIntegration } from '../internal/load.ts';

/**
 * `delete <name>`: never deletes by itself. It raises an approval request showing the impact;
 * a second admin approves it (DESIGN §2). Asking again returns the pending request.
 */
export const requestDelete = defineCommand({
  name: 'integration.delete',
  summary: 'Requesting the deletion of an integration',
  minRole: 'operator',
  audited: true,
  input: z.object({ name: IntegrationName }),
  async run({ ctx, input }) {
    const now = ctx.now();
    return ctx.store.transaction(async (tx) => {
      const integration = await loadIntegration(ctx, input.name, tx, { lock: true });
      await expireApprovals(tx, now, ctx.accountId);
      const impact = await tx.changes.integrationImpact(integration.id);
      const { request, created } = await raiseApproval(tx, {
        accountId: ctx.accountId, integrationId: integration.id, kind: 'delete_integration', requestedBy: actorKey(ctx.actor),
        impact, runId: null, now, ...(ctx.origin && { origin: ctx.origin }),
      });
      await tx.audit.record(auditEntry(ctx, 'integration.delete', integration.name, { request: request.id, created, impact }));
      return { request, created, integration: integration.name };
    });
  },
});
