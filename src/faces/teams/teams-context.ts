import { TeamsInfo, TurnContext, type Activity, type Mention } from 'botbuilder';
import type { CommandContext, CommandDeps } from '../../commands/context.ts';
import { resolveActor } from '../../commands/internal/resolve-actor.ts';
import { baseConversationId, storableReference } from './teams-send.ts';

/** The person in a Teams activity: their Entra ID object id (what roles are granted to). */
export function teamsIdentity(activity: Partial<Activity>): { id: string; name: string | undefined } {
  const from = activity.from;
  return { id: from?.aadObjectId ?? from?.id ?? 'unknown', name: from?.name };
}

/**
 * The command context for one Teams activity: the tenant maps to the account, the person to their
 * role (viewer unless granted), the conversation to the origin of what it raises. The
 * conversation's reference and the person's name are remembered for later proactive messages.
 */
export async function teamsContext(deps: CommandDeps, accountId: string, activity: Partial<Activity>): Promise<CommandContext> {
  const who = teamsIdentity(activity);
  const now = deps.now();
  const conversationId = baseConversationId(activity.conversation!.id);
  await deps.store.conversations.save(accountId, { platform: 'teams', conversationId, kind: activity.conversation!.conversationType ?? 'personal', reference: storableReference(activity) as unknown as Record<string, unknown> }, now);
  if (who.name) await deps.store.conversations.rememberName(`teams:${who.id}`, who.name, now);
  const actor = await resolveActor(deps.store, accountId, { platform: 'teams', id: who.id, ...(who.name && { displayName: who.name }) });
  return { ...deps, actor, accountId, origin: { platform: 'teams', channel: conversationId } };
}

/**
 * The command a message carries: the bot's @mention removed, other people's mentions turned into
 * `teams:<object id>` (so `roles grant @Bob operator` names Bob), markup and entities flattened.
 */
export async function commandText(context: TurnContext, deps: CommandDeps): Promise<string> {
  const activity = context.activity;
  let text = TurnContext.removeRecipientMention(activity as Activity) ?? activity.text ?? '';
  const mentions = (activity.entities ?? []).filter((e): e is Mention & { type: 'mention' } => e.type === 'mention') as unknown as Mention[];
  for (const mention of mentions) {
    if (mention.mentioned.id === activity.recipient.id || !mention.text) continue;
    const member = await TeamsInfo.getMember(context, mention.mentioned.id).catch(() => null);
    const identity = member?.aadObjectId ? `teams:${member.aadObjectId}` : mention.mentioned.name.replace(/\s+/g, '_');
    if (member?.aadObjectId && member.name) await deps.store.conversations.rememberName(identity, member.name, deps.now());
    text = text.replace(mention.text, identity);
  }
  return text.replace(/&nbsp;/g, ' ').replace(/<[^>]*>/g, ' ').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
}
