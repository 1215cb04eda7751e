import { z } from 'zod';
import { CommandError } from '../../core/errors.ts';
import { actorKey, hasRole } from '../../core/roles.ts';
import type { RunTrigger } from '../../core/sync.ts';
import { auditEntry, defineCommand } from '../define-command.ts';
import { IntegrationName } from '../integration/internal/input.ts';
import { loadIntegration } from '../internal/load.ts';

export const RequestSyncInput = z.union([
  z.object({ name: IntegrationName, acceptDrop: z.boolean().default(false) }),
  z.object({ all: z.literal(true) }),
]);

export interface RequestedRun {
  integration: string;
  run: number;
  /** True when a run was already queued or running for the integration: this request joined it. */
  joined: boolean;
}

/**
 * Queues a sync of one integration (manual) or of every enabled one (Sync All). Workers run it;
 * a request for an integration with a run queued or running joins that run.
 */
export const requestSync = defineCommand({
  name: 'integration.sync',
  summary: 'Requesting a sync',
  minRole: 'operator',
  audited: true,
  input: RequestSyncInput,
  async run({ ctx, input }): Promise<{ runs: RequestedRun[] }> {
    const acceptDrop = 'name' in input && input.acceptDrop;
    // Accepting a drop lets removals reach the gate (where they still wait for approval): admins only.
    if (acceptDrop && !hasRole(ctx.actor, 'admin')) {
      throw new CommandError('forbidden', `accepting a sudden drop needs the admin role; ${actorKey(ctx.actor)} has ${ctx.actor.role}`);
    }
    const now = ctx.now();
    const targets = 'all' in input
      ? (await ctx.store.integrations.list(ctx.accountId)).filter((i) => i.state !== 'disabled')
      : [await loadIntegration(ctx, input.name)];
    if ('name' in input && targets[0]!.state === 'disabled') {
      throw new CommandError('failed_precondition', `${input.name} is disabled: enable it before syncing`);
    }
    const trigger: RunTrigger = 'all' in input ? 'sync_all' : 'manual';
    const runs: RequestedRun[] = [];
    for (const integration of targets) {
      runs.push(
        await ctx.store.transaction(async (tx) => {
          const { run, joined } = await tx.runs.request({
            accountId: ctx.accountId, integrationId: integration.id, trigger, actor: actorKey(ctx.actor), acceptDrop, now,
          });
          await tx.audit.record(auditEntry(ctx, 'integration.sync', integration.name, { run: run.id, joined, trigger, acceptDrop }));
          return { integration: integration.name, run: run.id, joined };
        }),
      );
    }
    return { runs };
  },
});
