import { describe, expect, it } from 'vitest';
import type { RunView } from '../../src/commands/sync/internal/run-view.ts';
import { chartGeometry, HistoryChart, niceMax } from '../../web/history-chart.tsx';

const run = (id: number, status: RunView['status'], seconds: number | null, users: number | null): RunView => ({
  run: id, integration: 'lab', trigger: 'schedule', actor: 'system:scheduler', runner: 'server', status,
  queuedAt: '2026-11-20T08:00:00.000Z', startedAt: '2026-11-20T08:00:00.000Z', finishedAt: null,
  durationMs: seconds === null ? null : seconds * 1000, entriesRead: users ?? 0,
  counts: users === null ? null : { users: { added: 1, updated: 0, unchanged: users - 1, restored: 0 }, groups: { added: 0, updated: 0, unchanged: 0, restored: 0 }, memberships: { added: 0, updated: 0, unchanged: 0, restored: 0 }, skipped: 0 },
  destructive: null, blockedBy: [], approvalRequest: null, duplicates: [], mode: 'full', fallbackReason: null, deltaMethod: null, failure: null, error: null, dryRun: false, preview: null,
});

describe('the run history chart', () => {
  it('rounds axes up to plain numbers', () => {
    expect([niceMax(0), niceMax(0.7), niceMax(3), niceMax(7.5), niceMax(1516), niceMax(100_000)]).toEqual([1, 1, 5, 10, 2000, 100_000]);
  });

  it('puts the oldest run on the left, scales each series to its axis, and marks failures', () => {
    // History comes newest first.
    const g = chartGeometry([run(3, 'succeeded', 4, 1000), run(2, 'failed', 1, null), run(1, 'succeeded', 2, 500)]);
    expect(g.points.map((p) => p.run)).toEqual([1, 2, 3]);
    expect(g.points[0]!.x).toBeLessThan(g.points[2]!.x);
    expect([g.maxSeconds, g.maxUsers]).toEqual([5, 1000]);
    // Higher on the chart = smaller y; the 1,000-user run reaches the top of the users axis.
    expect(g.points[2]!.usersY).toBeLessThan(g.points[0]!.usersY!);
    expect(g.points[1]).toMatchObject({ failed: true, usersY: null });
  });

  it('renders an accessible SVG, or says why there is none yet', async () => {
    expect(String(await HistoryChart({ runs: [run(1, 'succeeded', 2, 10)] })?.toString())).toContain('after two finished runs');
    const svg = String(await HistoryChart({ runs: [run(2, 'failed', 1, null), run(1, 'succeeded', 2, 10), run(3, 'running', null, null)] })?.toString());
    expect(svg).toMatch(/<svg viewBox="0 0 720 240" role="img" aria-labelledby="chart-title chart-desc">/);
    expect(svg).toContain('<title id="chart-title">Sync duration and user count, oldest run on the left</title>');
    expect(svg.match(/class="dot-failed"/g)).toHaveLength(1);
    expect(svg).toContain('#1</text>');
    // Each axis says what it measures.
    for (const title of ['duration (seconds)', 'users in the directory', 'sync runs, oldest → newest']) expect(svg).toContain(`>${title}</text>`);
    expect(svg).not.toContain('#3');
  });
});
