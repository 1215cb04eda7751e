import { z } from 'zod';
import type { IntegrationState } from '../../../core/integration.ts';
import type { CommandContext } from '../../context.ts';
import { auditEntry } from '../../define-command.ts';
import { IntegrationName } from './input.ts';
import { toIntegrationView, type IntegrationView } from './view.ts';
import { loadIntegration } from '../../internal/load.ts';

export const StateChangeInput = z.object({
  name: IntegrationName,
  reason: z.string().trim().max(500, 'keep the reason under 500 characters').optional(),
});

export interface StateChangeResult {
  integration: IntegrationView;
  changed: boolean;
  previousState: IntegrationState;
  /** Why nothing changed, when nothing did. */
  note: string | null;
}

/** Shared by enable and disable: one locked read, one write, one audit row. */
export async function changeState(
  ctx: CommandContext,
  action: 'integration.enable' | 'integration.disable',
  input: z.output<typeof StateChangeInput>,
  decide: (current: IntegrationState) => { to: IntegrationState } | { note: string },
): Promise<StateChangeResult> {
  return ctx.store.transaction(async (tx) => {
    const current = await loadIntegration(ctx, input.name, tx, { lock: true });
    const decision = decide(current.state);
    const updated = 'to' in decision
      ? await tx.integrations.setState(current.id, decision.to, input.reason ?? null, ctx.now())
      : current;
    const note = 'note' in decision ? decision.note : null;
    await tx.audit.record(auditEntry(ctx, action, current.name, { from: current.state, to: updated.state, reason: input.reason ?? null }));
    return { integration: toIntegrationView(updated, ctx.pki, ctx.now()), changed: updated !== current, previousState: current.state, note };
  });
}
