import { CardFactory, TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { TeamsAdapter } from './teams-adapter.ts';
import type { TeamsMessage } from './adaptive-card.ts';

/** A channel's conversation id without the `;messageid=` of the thread a message arrived in. */
export function baseConversationId(id: string): string {
  return id.split(';messageid=')[0]!;
}

/** The reference to keep for a conversation: pointing at the conversation, not at one thread. */
export function storableReference(activity: Partial<Activity>): ConversationReference {
  const reference = TurnContext.getConversationReference(activity) as ConversationReference;
  return { ...reference, activityId: undefined, conversation: { ...reference.conversation, id: baseConversationId(reference.conversation.id) } } as ConversationReference;
}

export function messageActivity(message: TeamsMessage): Partial<Activity> {
  return { type: 'message', summary: message.summary, attachments: [CardFactory.adaptiveCard(message.card)] };
}

/**
 * Proactive messages (after the turn that asked, or with no turn at all): through the stored
 * reference, as Teams requires. `threadOf` replies under a channel message.
 */
export async function sendCard(adapter: TeamsAdapter, reference: ConversationReference, message: TeamsMessage, threadOf?: string): Promise<string> {
  const inThread = threadOf && reference.conversation.conversationType === 'channel';
  const target = inThread ? { ...reference, conversation: { ...reference.conversation, id: `${baseConversationId(reference.conversation.id)};messageid=${threadOf}` } } : reference;
  let id = '';
  await adapter.continueConversationAsync(adapter.appId, target, async (context) => {
    // Straight to the conversation: the turn's own sendActivity would make it a reply to the
    // made-up continuation activity.
    const activity = TurnContext.applyConversationReference({ ...messageActivity(message) }, target) as Activity;
    const client = context.turnState.get<ConnectorClient>(context.adapter.ConnectorClientKey);
    const sent = await client.conversations.sendToConversation(target.conversation.id, activity);
    id = sent.id ?? '';
  });
  return id;
}

export async function updateCard(adapter: TeamsAdapter, reference: ConversationReference, activityId: string, message: TeamsMessage): Promise<void> {
  await adapter.continueConversationAsync(adapter.appId, reference, async (context) => {
    await context.updateActivity({ ...messageActivity(message), id: activityId, conversation: reference.conversation });
  });
}
