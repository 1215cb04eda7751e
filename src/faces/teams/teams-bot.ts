import type { ConversationReference, TurnContext } from 'botbuilder';
import { parseChat, runChatCommand, type ChatResult } from '../chat/run-chat-command.ts';
import type { CommandContext, CommandDeps } from '../../commands/context.ts';
import { chatTextTooLong, type ParsedLine } from '../../core/command-grammar.ts';
import { CommandError, isCommandError } from '../../core/errors.ts';
import { renderError, renderResult } from './render/result.ts';
import type { TeamsAdapter } from './teams-adapter.ts';
import { followRuns } from './follow-runs.ts';
import { commandText, teamsContext } from './teams-context.ts';
import { handleAction } from './teams-invoke.ts';
import { messageActivity, storableReference, updateCard } from './teams-send.ts';
import type { TeamsMessage } from './verbs.ts';

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
  const ctx = await teamsContext(face.deps, face.accountId, context.activity);
  const work = answer(face, ctx, parsed);
  const quick = await Promise.race([work, new Promise<null>((resolve) => setTimeout(() => resolve(null), face.ackWithinMs))]);
  const reference = storableReference(context.activity);
  if (quick) {
    const sent = await context.sendActivity(messageActivity(quick.message));
    face.wake();
    if (sent?.id) followSync(face, ctx, reference, sent.id, quick.result);
    return;
  }
  const placeholder = await context.sendActivity(messageActivity(working(text)));
  face.background(
    work.then(async (late) => {
      if (placeholder?.id) await updateCard(face.adapter, reference, placeholder.id, late.message);
      face.wake();
      if (placeholder?.id) followSync(face, ctx, reference, placeholder.id, late.result);
    }),
    'answering a slow Teams command',
  );
}

type Answer = { message: TeamsMessage; result: ChatResult | null };

async function answer(face: TeamsFaceDeps, ctx: CommandContext, parsed: ParsedLine): Promise<Answer> {
  try {
    const result = await runChatCommand(ctx, parsed);
    return { message: renderResult(result, { names: await face.deps.store.conversations.names(identitiesIn(result)) }), result };
  } catch (e) {
    return { message: renderError(toCommandError(e, face)), result: null };
  }
}

/** A sync's reply becomes its progress message: edited in place until the runs finish. */
function followSync(face: TeamsFaceDeps, ctx: CommandContext, reference: ConversationReference, activityId: string, result: ChatResult | null): void {
  if (result?.verb !== 'sync' || result.runs.length === 0) return;
  followRuns(face, ctx, reference, result.runs.map((r) => r.run), { activityId });
}

async function welcome(face: TeamsFaceDeps, context: TurnContext): Promise<void> {
  await teamsContext(face.deps, face.accountId, context.activity); // keeps the reference for alerts
  await context.sendActivity(
    'dirsync is here. Say **@dirsync help** for the commands, and **@dirsync alerts here** in the channel that should receive sync alerts and approval cards.',
  );
}

function working(text: string): TeamsMessage {
  const summary = `⏳ Working on "${text.slice(0, 80) || 'help'}"…`;
  return { summary, card: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: summary, wrap: true }] } };
}

/** Identities a result names, so cards can show people's names instead of ids. */
function identitiesIn(result: ChatResult): string[] {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string' && value.startsWith('teams:')) found.add(value);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit(result);
  return [...found];
}

export function toCommandError(e: unknown, face: Pick<TeamsFaceDeps, 'deps'>): CommandError {
  if (isCommandError(e)) return e;
  face.deps.log.error('a Teams command failed unexpectedly', { err: e });
  return new CommandError('unavailable', 'dirsync could not complete this just now (the error was logged); try again in a minute');
}
