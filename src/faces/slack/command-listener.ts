import type { App, RespondArguments } from '@slack/bolt';
import { parseChat, runChatCommand } from '../chat/run-chat-command.ts';
import type { CommandContext, CommandDeps } from '../../commands/context.ts';
import { chatTextTooLong } from '../../core/command-grammar.ts';
import { toCommandError } from '../../core/errors.ts';
import { presentError } from '../../presenters/help.ts';
import { toSlack, type SlackMessage } from './block-kit.ts';
import { followRuns } from './follow-runs.ts';
import { slackContext, slackMention } from './slack-context.ts';

export interface SlackFaceDeps {
  deps: CommandDeps;
  accountId: string;
  /** Reply in the ack when the work is done by then; otherwise ack now and answer later. */
  ackWithinMs: number;
  progressIntervalMs: number;
  /** Tell the notification dispatcher that something was just committed. */
  wake: () => void;
}


type Reply = { message: SlackMessage; inChannel: boolean; follow: readonly number[]; ctx: CommandContext | null };

/**
 * `/dirsync …`: parse once with the shared grammar, run the use case as the person who typed it,
 * render Block Kit. Slack needs an answer within 3 s: a quick result goes in the ack itself, a
 * slow one (a connection test) is acknowledged at once and delivered through `response_url`.
 */
export function registerCommand(app: App, face: SlackFaceDeps): void {
  app.command(/^\/.+/, async ({ command, ack, respond, client }) => {
    const parsed = chatTextTooLong(command.text, 'slack') ?? parseChat(command.text, { mention: slackMention });
    const work: Promise<Reply> = (async () => {
      const ctx = await slackContext(face.deps, face.accountId, { userId: command.user_id, userName: command.user_name, channel: command.channel_id });
      const reply = await runChatCommand(ctx, parsed);
      return { message: toSlack(reply.message), inChannel: reply.inChannel, follow: reply.follow, ctx };
    })().catch((e: unknown) => ({ message: toSlack(presentError(toCommandError(e, face.deps, 'a Slack command'))), inChannel: false, follow: [], ctx: null }));

    const quick = await Promise.race([work, new Promise<null>((resolve) => setTimeout(() => resolve(null), face.ackWithinMs))]);
    if (quick) {
      await ack(asResponse(quick));
    } else {
      await ack({ response_type: 'ephemeral', text: `⏳ Working on \`${command.text.trim().slice(0, 80) || 'help'}\`…` });
      const late = await work;
      await respond(asResponse(late)).catch((e: unknown) => face.deps.log.warn('could not answer a Slack command through its response URL', { err: e }));
    }
    const reply = quick ?? (await work);
    face.wake();
    if (reply.ctx && reply.follow.length > 0) {
      await followRuns({
        ctx: reply.ctx,
        client,
        channel: command.channel_id,
        runIds: [...reply.follow],
        intervalMs: face.progressIntervalMs,
        fallback: (message) => respond({ response_type: 'in_channel', ...message }),
      }).catch((e: unknown) => face.deps.log.warn('following a sync for Slack failed', { err: e }));
    }
  });
}

export function asResponse(reply: { message: SlackMessage; inChannel: boolean }): RespondArguments {
  return { response_type: reply.inChannel ? 'in_channel' : 'ephemeral', ...reply.message };
}
