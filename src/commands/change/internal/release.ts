import { decideRelease } from '../../../core/gate.ts';
import type { Repos } from '../../../core/ports.ts';
import type { ByKind } from '../../../core/sync.ts';

/**
 * Gate step 1 for the account's changes that need no run to re-derive them (approved ones, and
 * those of deleted integrations): applied when nothing blocks the account, else held naming the
 * blockers. `applying`: the integration whose good run has just applied, which does not block.
 */
export async function releaseChanges(tx: Repos, accountId: string, now: Date, applying: string | null = null): Promise<{ applied: ByKind; blockedBy: string[] }> {
  const decision = decideRelease({ integrations: await tx.integrations.list(accountId), applying });
  const applied = await tx.changes.release(accountId, decision, now);
  return { applied, blockedBy: decision.action === 'hold' ? decision.blockedBy : [] };
}
