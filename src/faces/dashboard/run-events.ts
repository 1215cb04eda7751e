import { streamSSE } from 'hono/streaming';
import { QUIET_LIMIT_MS, watchRuns } from '../../commands/sync/watch-runs.ts';
import { isCommandError } from '../../core/errors.ts';
import { isFinished } from '../../core/sync.ts';
import { stoppedFollowingText } from '../../presenters/words.ts';
import { progressText } from '../../../web/runs.tsx';
import type { DashboardContext } from './env.ts';

/**
 * Server-sent events for one run, from the one run watcher: `progress` while it runs, then
 * `done` once it ends, or `stopped` when nothing changed for so long that following ends.
 */
export function streamRun(c: DashboardContext) {
  const id = Number(c.req.param('id'));
  if (!Number.isInteger(id) || id <= 0) return c.text('not a run id', 400);
  return streamSSE(c, async (stream) => {
    const closed = new AbortController();
    stream.onAbort(() => closed.abort());
    const send = (event: 'progress' | 'done' | 'stopped', data: object) => stream.writeSSE({ event, data: JSON.stringify(data) });
    try {
      const end = await watchRuns({
        ctx: c.get('ctx'),
        runIds: [id],
        everyMs: 500,
        signal: closed.signal,
        onUpdate: async ({ runs: [run] }) => {
          if (!run || run.integration !== c.req.param('name')) {
            closed.abort();
            return send('done', { status: 'cancelled', text: `Run #${id} does not exist for this integration.` });
          }
          const payload = { status: run.status, entriesRead: run.entriesRead, expected: run.expectedEntries, text: progressText(run) };
          await (isFinished(run.status) ? send('done', { ...payload, counts: run.counts, failure: run.failure }) : send('progress', payload));
        },
      });
      const [run] = end.runs;
      if (end.outcome === 'quiet' && run) await send('stopped', { status: run.status, text: stoppedFollowingText([run], QUIET_LIMIT_MS) });
    } catch (e) {
      if (!isCommandError(e)) throw e;
      await send('done', { status: 'failed', text: e.message });
    }
  });
}
