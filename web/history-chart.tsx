import type { FC } from 'hono/jsx';
import { num } from '../src/presenters/words.ts';
import type { RunView } from '../src/commands/sync/internal/run-view.ts';
import { presentCount } from '../src/core/sync.ts';

const W = 720;
const H = 240;
// Room on each side for the tick labels and, outside them, the axis titles.
const PAD = { left: 66, right: 74, top: 16, bottom: 28 };

export interface ChartPoint {
  run: number;
  x: number;
  durationY: number | null;
  usersY: number | null;
  failed: boolean;
}

/** Users present in the directory after a run: everything it saw, whatever happened to it. */
export const usersOf = (r: RunView) => (r.counts ? presentCount(r.counts.users) : null);

/** A round upper bound for an axis, so its labels read as plain numbers. */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 2.5, 5, 10].map((m) => m * step).find((m) => m >= value)!;
}

/** Oldest run on the left; each series scaled to its own axis (seconds left, users right). */
export function chartGeometry(runs: RunView[]) {
  const ordered = [...runs].reverse();
  const maxSeconds = niceMax(Math.max(0, ...ordered.map((r) => (r.durationMs ?? 0) / 1000)));
  const maxUsers = niceMax(Math.max(0, ...ordered.map((r) => usersOf(r) ?? 0)));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (ordered.length === 1 ? plotW / 2 : (i * plotW) / (ordered.length - 1));
  const y = (v: number, max: number) => PAD.top + plotH - (v / max) * plotH;
  const points: ChartPoint[] = ordered.map((r, i) => {
    const users = usersOf(r);
    return {
      run: r.run,
      x: x(i),
      durationY: r.durationMs === null ? null : y(r.durationMs / 1000, maxSeconds),
      usersY: users === null ? null : y(users, maxUsers),
      failed: r.status === 'failed',
    };
  });
  return { points, maxSeconds, maxUsers, plotBottom: PAD.top + plotH };
}

const path = (pts: { x: number; y: number | null }[]) =>
  pts.filter((p) => p.y !== null).map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y!.toFixed(1)}`).join(' ');

/** Duration and user count over the last runs, drawn on the server: no script, no chart library. */
export const HistoryChart: FC<{ runs: RunView[] }> = ({ runs }) => {
  const finished = runs.filter((r) => r.status === 'succeeded' || r.status === 'failed');
  if (finished.length < 2) return <p class="muted">The chart appears after two finished runs.</p>;
  const g = chartGeometry(finished);
  const ticks = [0, 0.5, 1];
  const summary = `${finished.length} runs; longest ${Math.round(g.maxSeconds)} s scale; up to ${num(g.maxUsers)} users scale; ${g.points.filter((p) => p.failed).length} failed`;
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="chart-title chart-desc">
        <title id="chart-title">Sync duration and user count, oldest run on the left</title>
        <desc id="chart-desc">{summary}</desc>
        {ticks.map((t) => {
          const y = g.plotBottom - t * (g.plotBottom - PAD.top);
          return (
            <g>
              <line class="grid" x1={PAD.left} x2={W - PAD.right} y1={y} y2={y} />
              <text x={PAD.left - 6} y={y + 4} text-anchor="end">{`${+(g.maxSeconds * t).toFixed(1)} s`}</text>
              <text x={W - PAD.right + 6} y={y + 4}>{num(Math.round(g.maxUsers * t))}</text>
            </g>
          );
        })}
        <line class="axis" x1={PAD.left} x2={W - PAD.right} y1={g.plotBottom} y2={g.plotBottom} />
        <path class="duration" d={path(g.points.map((p) => ({ x: p.x, y: p.durationY })))} />
        <path class="users" d={path(g.points.map((p) => ({ x: p.x, y: p.usersY })))} />
        {g.points.filter((p) => p.failed).map((p) => <circle class="dot-failed" cx={p.x} cy={g.plotBottom} r="4"><title>{`run #${p.run} failed`}</title></circle>)}
        <text x={PAD.left} y={H - 6}>{`#${g.points[0]!.run}`}</text>
        <text x={W - PAD.right} y={H - 6} text-anchor="end">{`#${g.points.at(-1)!.run}`}</text>
        {/* Axis titles: what each scale measures, the left one for the solid line, the right one for the dashed. */}
        <text class="axis-title" x={W / 2} y={H - 6} text-anchor="middle">{'sync runs, oldest → newest'}</text>
        <text class="axis-title" transform={`translate(14 ${(PAD.top + g.plotBottom) / 2}) rotate(-90)`} text-anchor="middle">{'duration (seconds)'}</text>
        <text class="axis-title" transform={`translate(${W - 10} ${(PAD.top + g.plotBottom) / 2}) rotate(90)`} text-anchor="middle">{'users in the directory'}</text>
      </svg>
      <figcaption class="legend">
        <span class="k-duration">duration (left axis)</span>
        <span class="k-users">users (right axis)</span>
        <span>red dots: failed runs</span>
      </figcaption>
    </figure>
  );
};
