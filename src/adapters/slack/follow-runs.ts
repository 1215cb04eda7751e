import { WebAPIPlatformError, type WebClient } from '@slack/web-api';
import type { CommandContext } from '../../commands/context.ts';
import { showRuns, type RunProgress } from '../../commands/show-runs.ts';
import { messageArgs, type SlackMessage } from './actions.ts';
import { renderRuns } from './render/runs.ts';

const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);
/** Following stops after this long; the run's own alert or history tells the rest. */
const MAX_FOLLOW_MS = 2 * 3600_000;

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

/**
 * A sync's progress as one Slack message, edited in place until every run has finished. The
 * runs may execute on any replica: this only reads their rows.
 */
export async function followRuns(opts: FollowOptions): Promise<RunProgress[]> {
  const read = () => showRuns({ ctx: opts.ctx, input: { ids: opts.runIds } });
  let views = await read();
  let shown = renderRuns(views);
  let ts: string | null = null;
  try {
    const posted = await opts.client.chat.postMessage({ channel: opts.channel, ...(opts.threadTs && { thread_ts: opts.threadTs }), ...messageArgs(shown) });
    ts = posted.ts ?? null;
  } catch (e) {
    if (!(e instanceof WebAPIPlatformError) || !opts.fallback) throw e;
    opts.ctx.log.info('cannot post sync progress in the channel; the result follows through the response URL', { error: e.data.error });
  }
  const deadline = Date.now() + MAX_FOLLOW_MS;
  while (!views.every((v) => TERMINAL.has(v.status)) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, opts.intervalMs));
    views = await read();
    const next = renderRuns(views);
    if (ts && next.text + JSON.stringify(next.blocks) !== shown.text + JSON.stringify(shown.blocks)) {
      // A failed edit (rate limit, network) only skips one frame of progress.
      await opts.client.chat.update({ channel: opts.channel, ts, ...messageArgs(next) }).catch((e: unknown) => opts.ctx.log.warn('could not update sync progress in Slack', { err: e }));
    }
    shown = next;
  }
  if (!ts && opts.fallback) await opts.fallback(shown);
  return views;
}
