import type { RespondArguments } from '@slack/bolt';
import type { CommandContext, CommandDeps } from '../../commands/context.ts';
import { chatTextTooLong } from '../../core/command-grammar.ts';
import { toCommandError } from '../../core/errors.ts';
import { presentError } from '../../presenters/help.ts';
import { parseChat, runChatCommand } from '../chat/run-chat-command.ts';
import { toSlack, type SlackMessage } from './block-kit.ts';
import { slackContext, slackMention } from './slack-context.ts';

/** The fields of a slash command dirsync reads (checked by slack-payload.ts before it gets here). */
export interface SlashCommand {
  text: string;
  user_id: string;
  user_name?: string;
  channel_id: string;
}

export type SlashReply = { message: SlackMessage; inChannel: boolean; follow: readonly number[]; ctx: CommandContext | null };

/**
 * `/dirsync …`, the same under Bolt (Node) and on a Worker: parse once with the shared grammar, run
 * the use case as the person who typed it, render Block Kit. Never rejects: a failure is its reply.
 */
export function runSlashCommand(deps: CommandDeps, accountId: string, command: SlashCommand): Promise<SlashReply> {
  const parsed = chatTextTooLong(command.text, 'slack') ?? parseChat(command.text, { mention: slackMention });
  return (async () => {
    const ctx = await slackContext(deps, accountId, { userId: command.user_id, ...(command.user_name && { userName: command.user_name }), channel: command.channel_id });
    const reply = await runChatCommand(ctx, parsed);
    return { message: toSlack(reply.message), inChannel: reply.inChannel, follow: reply.follow, ctx };
  })().catch((e: unknown) => ({ message: toSlack(presentError(toCommandError(e, deps, 'a Slack command'))), inChannel: false, follow: [], ctx: null }));
}

/** The reply a command gets when it is still working at the ack's deadline; its result follows through response_url. */
export function workingOn(command: SlashCommand): RespondArguments {
  return { response_type: 'ephemeral', text: `⏳ Working on \`${command.text.trim().slice(0, 80) || 'help'}\`…` };
}

export function asResponse(reply: { message: SlackMessage; inChannel: boolean }): RespondArguments {
  return { response_type: reply.inChannel ? 'in_channel' : 'ephemeral', ...reply.message };
}

/** Resolves to null after `ms`: what a reply races against the ack's deadline. */
export const deadline = (ms: number) => new Promise<null>((resolve) => setTimeout(() => resolve(null), ms));
