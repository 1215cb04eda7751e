import { streamSSE } from 'hono/streaming';
import { showRuns } from '../../commands/sync/show-runs.ts';
import { isCommandError } from '../../core/errors.ts';
import { progressText } from '../../../web/runs.tsx';
import type { DashboardContext } from './env.ts';

const POLL_MS = 500;
/** Browsers reconnect an event stream by themselves; a bounded stream frees the connection. */
const MAX_STREAM_MS = 10 * 60_000;
const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);

/**
 * Server-sent events for one run. The run row in Postgres is the truth (a worker on any replica
 * updates it), so this polls it and sends what changed: `progress` while it runs, `done` once.
 */
export function streamRun(c: DashboardContext) {
  const id = Number(c.req.param('id'));
  if (!Number.isInteger(id) || id <= 0) return c.text('not a run id', 400);
  return streamSSE(c, async (stream) => {
    let closed = false;
    stream.onAbort(() => {
      closed = true;
    });
    let last = '';
    const started = Date.now();
    while (!closed && Date.now() - started < MAX_STREAM_MS) {
      let run;
      try {
        [run] = await showRuns({ ctx: c.get('ctx'), input: { ids: [id] } });
      } catch (e) {
        if (!isCommandError(e)) throw e;
        await stream.writeSSE({ event: 'done', data: JSON.stringify({ status: 'failed', text: e.message }) });
        return;
      }
      if (!run || run.integration !== c.req.param('name')) {
        await stream.writeSSE({ event: 'done', data: JSON.stringify({ status: 'cancelled', text: `Run #${id} does not exist for this integration.` }) });
        return;
      }
      const payload = { status: run.status, entriesRead: run.entriesRead, expected: run.expectedEntries, text: progressText(run) };
      if (FINISHED.has(run.status)) {
        await stream.writeSSE({ event: 'done', data: JSON.stringify({ ...payload, counts: run.counts, failure: run.failure }) });
        return;
      }
      const now = JSON.stringify(payload);
      if (now !== last) await stream.writeSSE({ event: 'progress', data: now });
      last = now;
      await stream.sleep(POLL_MS);
    }
  });
}
