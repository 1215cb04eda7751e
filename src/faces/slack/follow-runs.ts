import { WebAPIPlatformError, type WebClient } from '@slack/web-api';
import type { CommandContext } from '../../commands/context.ts';
import type { RunProgress } from '../../commands/sync/show-runs.ts';
import { followChatRuns } from '../chat/follow-runs.ts';
import { presentRuns } from '../../presenters/run.ts';
import { toSlack, type SlackMessage } from './block-kit.ts';

export interface FollowOptions {
  ctx: CommandContext;
  client: WebClient;
  channel: string;
  threadTs?: string;
  runIds: number[];
  intervalMs: number;
  /** When the bot may not post in the channel: the final state goes here instead (response_url). */
  fallback?: (message: SlackMessage) => Promise<unknown>;
}

/** A sync's progress as one Slack message, edited in place until every run has finished. */
export async function followRuns(opts: FollowOptions): Promise<RunProgress[]> {
  let ts: string | null = null;
  let last: SlackMessage | null = null;
  const runs = await followChatRuns(opts.ctx, opts.runIds, opts.intervalMs, async (views, first) => {
    last = toSlack(presentRuns(views));
    if (first) {
      try {
        const posted = await opts.client.chat.postMessage({ channel: opts.channel, ...(opts.threadTs && { thread_ts: opts.threadTs }), ...last });
        ts = posted.ts ?? null;
      } catch (e) {
        if (!(e instanceof WebAPIPlatformError) || !opts.fallback) throw e;
        opts.ctx.log.info('cannot post sync progress in the channel; the result follows through the response URL', { error: e.data.error });
      }
    } else if (ts) {
      // A failed edit (rate limit, network) only skips one frame of progress.
      await opts.client.chat.update({ channel: opts.channel, ts, ...last }).catch((e: unknown) => opts.ctx.log.warn('could not update sync progress in Slack', { err: e }));
    }
  });
  if (!ts && opts.fallback && last) await opts.fallback(last);
  return runs;
}
