import { describe, expect, it } from 'vitest';
import { addIntegration } from '../../../src/commands/integration/add.ts';
import { requestSync } from '../../../src/commands/sync/request.ts';
import { dashboardHarness, ORIGIN } from '../../support/dashboard.ts';
import { backends } from '../../support/databases.ts';
import { adInput } from '../../support/fixtures.ts';
import { useDatabase } from '../../support/suite.ts';

describe.each(backends)('the dashboard run event stream ($name)', (backend) => {
  const db = useDatabase(backend);

  it('says it stopped following a run that did not change for two hours, and ends the stream', async () => {
    const h = await dashboardHarness(db.store);
    let clock = Date.now();
    h.deps.now = () => new Date(clock);
    const b = await h.signedIn('viewer');
    await addIntegration({ ctx: h.as('admin'), input: adInput({ name: 'idle' }) });
    // No worker here: the run stays queued.
    const { run } = (await requestSync({ ctx: h.as('operator'), input: { name: 'idle' } })).runs[0]!;
    const cookie = [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await h.app.request(`${ORIGIN}/integrations/idle/runs/${run}/events`, { headers: { cookie } });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let stream = '';
    while (!stream.includes('\n\n')) stream += (await reader.read()).value ?? '';
    expect(stream).toMatch(/^event: progress\ndata: .*"status":"queued"/);
    clock += 3 * 3_600_000;
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) stream += chunk.value;
    const stopped = /event: stopped\ndata: (.*)\n/.exec(stream);
    expect(stopped).not.toBeNull();
    expect(JSON.parse(stopped![1]!)).toEqual({
      status: 'queued',
      text: `Stopped following sync #${run} of idle (still queued): nothing changed for 2 hours. Check that a dirsync server runs with workers (DIRSYNC_WORKERS above 0); the integration's history shows how it ends.`,
    });
    expect(stream).not.toContain('event: done');
  });
});
