import type { ConversationReference, TurnContext } from 'botbuilder';
import { parseChat, runChatCommand } from '../chat/run-chat-command.ts';
import type { CommandContext, CommandDeps } from '../../commands/context.ts';
import { chatTextTooLong, type ParsedLine } from '../../core/command-grammar.ts';
import { toCommandError } from '../../core/errors.ts';
import { presentError } from '../../presenters/help.ts';
import { message, text } from '../../presenters/message.ts';
import { toTeams, type TeamsMessage } from './adaptive-card.ts';
import type { TeamsAdapter } from './teams-adapter.ts';
import { followRuns } from './follow-runs.ts';
import { commandText, teamsContext } from './teams-context.ts';
import { handleAction } from './teams-invoke.ts';
import { messageActivity, storableReference, updateCard } from './teams-send.ts';

export interface TeamsFaceDeps {
  deps: CommandDeps;
  accountId: string;
  adapter: TeamsAdapter;
  /** Teams waits for the HTTP answer; a slower command is answered with a placeholder, then edited. */
  ackWithinMs: number;
  progressIntervalMs: number;
  /** Tell the notification dispatcher that something was just committed. */
  wake(): void;
  /** Work that outlives the turn (a slow test, sync progress); errors are logged, stop() awaits it. */
  background(task: Promise<unknown>, what: string): void;
}

/** The turn handler: every activity Teams sends to /api/messages comes through here. */
export function teamsLogic(face: TeamsFaceDeps) {
  return async (context: TurnContext): Promise<void> => {
    const activity = context.activity;
    if (activity.type === 'message') return onMessage(face, context);
    if (activity.type === 'invoke' && activity.name === 'adaptiveCard/action') return handleAction(face, context);
    const added = activity.type === 'conversationUpdate' && (activity.membersAdded ?? []).some((m) => m.id === activity.recipient.id);
    if (added || (activity.type === 'installationUpdate' && activity.action === 'add')) return welcome(face, context);
  };
}

async function onMessage(face: TeamsFaceDeps, context: TurnContext): Promise<void> {
  const tooLong = chatTextTooLong(context.activity.text ?? '', 'teams');
  const text = tooLong ? '' : await commandText(context, face.deps);
  const parsed = tooLong ?? parseChat(text);
  const work = answer(face, context, parsed);
  const quick = await Promise.race([work, new Promise<null>((resolve) => setTimeout(() => resolve(null), face.ackWithinMs))]);
  const reference = storableReference(context.activity);
  if (quick) {
    const sent = await context.sendActivity(messageActivity(quick.message));
    face.wake();
    if (sent?.id) followSync(face, quick, reference, sent.id);
    return;
  }
  const placeholder = await context.sendActivity(messageActivity(working(text)));
  face.background(
    work.then(async (late) => {
      if (placeholder?.id) await updateCard(face.adapter, reference, placeholder.id, late.message);
      face.wake();
      if (placeholder?.id) followSync(face, late, reference, placeholder.id);
    }),
    'answering a slow Teams command',
  );
}

type Answer = { message: TeamsMessage; follow: readonly number[]; ctx: CommandContext | null };

async function answer(face: TeamsFaceDeps, context: TurnContext, parsed: ParsedLine): Promise<Answer> {
  try {
    const ctx = await teamsContext(face.deps, face.accountId, context.activity);
    const reply = await runChatCommand(ctx, parsed);
    return { message: toTeams(reply.message, { names: await face.deps.store.conversations.names(identitiesIn(reply.result)) }), follow: reply.follow, ctx };
  } catch (e) {
    return { message: toTeams(presentError(toCommandError(e, face.deps, 'a Teams command'))), follow: [], ctx: null };
  }
}

/** A sync's reply becomes its progress message: edited in place until the runs finish. */
function followSync(face: TeamsFaceDeps, { ctx, follow }: Answer, reference: ConversationReference, activityId: string): void {
  if (!ctx || follow.length === 0) return;
  followRuns(face, ctx, reference, [...follow], { activityId });
}

async function welcome(face: TeamsFaceDeps, context: TurnContext): Promise<void> {
  await teamsContext(face.deps, face.accountId, context.activity); // keeps the reference for alerts
  await context.sendActivity(
    'dirsync is here. Say **@dirsync help** for the commands, and **@dirsync alerts here** in the channel that should receive sync alerts and approval cards.',
  );
}

function working(command: string): TeamsMessage {
  const said = [`⏳ Working on "${command.slice(0, 80) || 'help'}"…`];
  return toTeams(message(said, [text(said)]));
}

/** Identities a result names, so cards can show people's names instead of ids. */
function identitiesIn(result: unknown): string[] {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string' && value.startsWith('teams:')) found.add(value);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit(result);
  return [...found];
}
