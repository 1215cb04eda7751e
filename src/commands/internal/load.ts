import type { Account } from '../../core/account.ts';
import { CommandError, notFound } from '../../core/errors.ts';
import type { Integration } from '../../core/integration.ts';
import type { Repos } from '../../core/ports.ts';
import { closestNames } from '../../core/suggest.ts';
import type { CommandContext } from '../context.ts';

export async function loadAccount(ctx: CommandContext, repos: Repos = ctx.store): Promise<Account> {
  const account = await repos.accounts.findById(ctx.accountId);
  if (!account) throw new CommandError('not_found', `account ${ctx.accountId} does not exist`);
  return account;
}

/** Finds an integration by name or fails with the closest existing names as a hint. */
export async function loadIntegration(
  ctx: CommandContext,
  name: string,
  repos: Repos = ctx.store,
  opts: { lock?: boolean } = {},
): Promise<Integration> {
  const found = await repos.integrations.findByName(ctx.accountId, name, opts);
  if (found) return found;
  const names = (await repos.integrations.list(ctx.accountId)).map((i) => i.name);
  const close = closestNames(name, names);
  throw notFound('integration', name, close.length > 0 ? `Did you mean ${close.join(', ')}?` : undefined);
}

export interface IntegrationRef {
  name: string;
  deleted: boolean;
}

/**
 * Integration names by id, deleted integrations included: approvals, alerts and held changes
 * outlive them, and a soft-deleted row keeps its name. `live`: the account's list, if at hand.
 * Returns a lookup, which names any id it could not find "(deleted integration)".
 */
export async function integrationNames(ctx: CommandContext, ids: Iterable<string>, live?: Integration[]): Promise<(id: string) => IntegrationRef> {
  const names = new Map((live ?? (await ctx.store.integrations.list(ctx.accountId))).map((i) => [i.id, { name: i.name, deleted: false }]));
  const missing = [...new Set(ids)].filter((id) => !names.has(id));
  // Only deleted integrations are missing from the list, and there are few of them.
  for (const i of await Promise.all(missing.map((id) => ctx.store.integrations.findById(id)))) {
    if (i?.accountId === ctx.accountId) names.set(i.id, { name: i.name, deleted: true });
  }
  return (id) => names.get(id) ?? { name: '(deleted integration)', deleted: true };
}
