import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { syncRuns } from '../../../src/adapters/db/sync-schema.ts';
import type { CommandContext } from '../../../src/commands/context.ts';
import { addIntegration } from '../../../src/commands/integration/add.ts';
import { requestSync } from '../../../src/commands/sync/request.ts';
import { nextGap, QUIET_GAP_MS, QUIET_LIMIT_MS, watchRuns, type RunUpdate } from '../../../src/commands/sync/watch-runs.ts';
import type { RunStatus } from '../../../src/core/sync.ts';
import { testAccount } from '../../support/context.ts';
import { backends } from '../../support/databases.ts';
import { adInput } from '../../support/fixtures.ts';
import { useDatabase } from '../../support/suite.ts';

const finished = (status: RunStatus) => ({ status, counts: null, destructive: null, blockedBy: null, approvalRequestId: null, duplicates: null, failure: null, certificate: null });

describe.each(backends)('the run watcher ($name)', (backend) => {
  const db = useDatabase(backend);

  /** An account with one queued run per name; `clock` is the context's now, moved by the test. */
  async function queued(...names: string[]) {
    const t = await testAccount(db.store);
    const clock = { now: Date.now() };
    const ctx: CommandContext = { ...t.as('viewer'), now: () => new Date(clock.now) };
    const ids: number[] = [];
    for (const name of names) {
      await addIntegration({ ctx: t.as('admin'), input: adInput({ name }) });
      ids.push((await requestSync({ ctx: t.as('operator'), input: { name } })).runs[0]!.run);
    }
    const runs = db.store.runs;
    return { ctx, ids, clock, runs };
  }

  /** Follows `ids`, applying one scripted step between reads (null: change nothing); records every update. */
  async function follow(ctx: CommandContext, ids: number[], steps: ((open: number[]) => unknown)[], signal?: AbortSignal) {
    const updates: RunUpdate[] = [];
    const worked: number[][] = [];
    const end = await watchRuns({
      ctx,
      runIds: ids,
      everyMs: 1,
      ...(signal && { signal }),
      onUpdate: (u) => void updates.push(u),
      work: async (open) => {
        worked.push(open);
        const step = steps.shift();
        if (step === undefined) throw new Error(`the watcher read again after the script ended (open: ${open.join(', ')})`);
        await step(open);
        return false;
      },
    });
    return { end, updates, worked, stepsLeft: steps.length };
  }
  const states = (updates: RunUpdate[]) => updates.map((u) => u.runs.map((r) => `${r.run}:${r.status}:${r.entriesRead}`).join(' '));

  it('emits the first state, then only what changed (status, entries read), and stops once the run is finished', async () => {
    const { ctx, ids: [id], runs } = await queued('one');
    const { end, updates, stepsLeft } = await follow(ctx, [id!], [
      () => runs.claim('w', 60_000, [id!]),
      () => null,
      () => runs.renew(id!, 'w', 60_000, 50),
      () => runs.renew(id!, 'w', 60_000, 50),
      () => null,
      () => runs.finish(id!, 'w', finished('succeeded')),
    ]);
    expect(states(updates)).toEqual([`${id}:queued:0`, `${id}:running:0`, `${id}:running:50`, `${id}:succeeded:50`]);
    expect(updates.map((u) => [u.first, u.changed.length])).toEqual([[true, 1], [false, 1], [false, 1], [false, 1]]);
    expect(end).toMatchObject({ outcome: 'finished', gone: [] });
    expect(end.runs.map((r) => r.status)).toEqual(['succeeded']);
    expect(stepsLeft).toBe(0);
  });

  it('follows several runs at once: each update names the runs that changed, the end waits for the last one', async () => {
    const { ctx, ids: [a, b, c], runs } = await queued('a', 'b', 'c');
    const { end, updates, worked } = await follow(ctx, [a!, b!, c!], [
      () => runs.claim('w', 60_000, [a!]),
      () => runs.finish(a!, 'w', finished('failed')),
      () => runs.claim('w', 60_000, [b!]),
      () => runs.finish(b!, 'w', finished('succeeded')),
      async () => runs.cancelOpen((await runs.get(c!))!.integrationId, new Date()),
    ]);
    expect(updates.map((u) => u.changed.map((r) => `${r.run}:${r.status}`))).toEqual([
      [`${a}:queued`, `${b}:queued`, `${c}:queued`],
      [`${a}:running`],
      [`${a}:failed`],
      [`${b}:running`],
      [`${b}:succeeded`],
      [`${c}:cancelled`],
    ]);
    for (const u of updates) expect(u.runs.map((r) => r.run)).toEqual([a, b, c]);
    // Finished runs are neither read again nor offered to the work between reads.
    expect(worked).toEqual([[a, b, c], [a, b, c], [b, c], [b, c], [c]]);
    expect(end.outcome).toBe('finished');
    expect(end.runs.map((r) => r.status)).toEqual(['failed', 'succeeded', 'cancelled']);
  });

  it('reports a run that disappears, or never existed, as gone and stops following it', async () => {
    const { ctx, ids: [a, b], runs } = await queued('a', 'b');
    const never = b! + 1_000_000;
    const { end, updates } = await follow(ctx, [a!, b!, never], [
      () => db.database.db.delete(syncRuns).where(eq(syncRuns.id, b!)),
      () => null,
      () => runs.claim('w', 60_000, [a!]),
      () => runs.finish(a!, 'w', finished('succeeded')),
    ]);
    expect(updates.map((u) => [u.runs.map((r) => r.run), u.gone])).toEqual([
      [[a, b], [never]],
      [[a], [b, never]],
      [[a], [b, never]],
      [[a], [b, never]],
    ]);
    expect(updates[1]!.changed).toEqual([]);
    expect(end).toMatchObject({ outcome: 'finished', gone: [b, never] });
  });

  it('reads more runs than showRuns takes in one call', async () => {
    const { ctx, ids: [a], runs } = await queued('a');
    const missing = Array.from({ length: 150 }, (_, i) => a! + 1_000_000 + i);
    const { end, updates } = await follow(ctx, [...missing, a!], [() => runs.claim('w', 60_000, [a!]), () => runs.finish(a!, 'w', finished('succeeded'))]);
    expect(updates[0]!.gone).toEqual(missing);
    expect(end.runs.map((r) => `${r.run}:${r.status}`)).toEqual([`${a}:succeeded`]);
  });

  it('gives up on runs that have not changed for the quiet limit, and not on a long run that keeps moving', async () => {
    const stuck = await queued('stuck');
    const hour = 3_600_000;
    const idle = await follow(stuck.ctx, stuck.ids, [() => void (stuck.clock.now += hour), () => void (stuck.clock.now += hour)]);
    expect(QUIET_LIMIT_MS).toBe(2 * hour);
    expect(idle.updates).toHaveLength(1);
    expect(idle.end).toMatchObject({ outcome: 'quiet', gone: [] });
    expect(idle.end.runs.map((r) => r.status)).toEqual(['queued']);
    expect(idle.stepsLeft).toBe(0);

    const slow = await queued('slow');
    const [id] = slow.ids;
    const hours = (n: number) => () => slow.runs.renew(id!, 'w', 60_000, n * 1000).then(() => void (slow.clock.now += hour));
    const moving = await follow(slow.ctx, slow.ids, [
      () => slow.runs.claim('w', 60_000, [id!]),
      hours(1), hours(2), hours(3), hours(4), hours(5),
      () => slow.runs.finish(id!, 'w', finished('succeeded')),
    ]);
    expect(moving.end.outcome).toBe('finished');
    expect(moving.updates.at(-1)!.runs[0]!.status).toBe('succeeded');
  });

  it('stops when its signal is aborted, without more work or updates', async () => {
    const { ctx, ids } = await queued('one');
    const stop = new AbortController();
    const { end, updates, worked } = await follow(ctx, ids, [() => void stop.abort(), () => null], stop.signal);
    expect(end.outcome).toBe('stopped');
    expect(updates).toHaveLength(1);
    expect(worked).toHaveLength(1);
  });
});

describe('the run watcher pace', () => {
  it("reads at the caller's pace after a change, and doubles the gap while nothing changes, up to the quiet gap", () => {
    const gaps = [500];
    for (let i = 0; i < 6; i++) gaps.push(nextGap(gaps.at(-1)!, false, 500));
    expect(gaps).toEqual([500, 1000, 2000, 4000, QUIET_GAP_MS, QUIET_GAP_MS, QUIET_GAP_MS]);
    expect(nextGap(QUIET_GAP_MS, true, 500)).toBe(500);
    // A chat face's own pace is slower than the quiet gap: it is kept.
    expect(nextGap(8_000, false, 8_000)).toBe(8_000);
  });
});
