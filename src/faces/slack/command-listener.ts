import type { App } from '@slack/bolt';
import type { CommandDeps } from '../../commands/context.ts';
import { followRuns } from './follow-runs.ts';
import { asResponse, deadline, runSlashCommand, workingOn } from './slash-command.ts';

export interface SlackFaceDeps {
  deps: CommandDeps;
  accountId: string;
  /** Reply in the ack when the work is done by then; otherwise ack now and answer later. */
  ackWithinMs: number;
  progressIntervalMs: number;
  /** Tell the notification dispatcher that something was just committed. */
  wake: () => void;
}

/**
 * `/dirsync …`: parse once with the shared grammar, run the use case as the person who typed it,
 * render Block Kit. Slack needs an answer within 3 s: a quick result goes in the ack itself, a
 * slow one (a connection test) is acknowledged at once and delivered through `response_url`.
 */
export function registerCommand(app: App, face: SlackFaceDeps): void {
  app.command(/^\/.+/, async ({ command, ack, respond, client }) => {
    const work = runSlashCommand(face.deps, face.accountId, command);
    const quick = await Promise.race([work, deadline(face.ackWithinMs)]);
    if (quick) {
      await ack(asResponse(quick));
    } else {
      await ack(workingOn(command));
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
