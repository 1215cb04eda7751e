// The delta rows of the report: a no-change delta and a delta after 10 changes, each as a
// fraction of the full sync of the same run (same machine, same moment), against ≤ 0.1×.
import type { ChangeSummary } from './changes.ts';
import type { SyncMeasurement } from './dirsync.ts';

export interface DeltaFigures {
  /** `sync --delta` with nothing changed since the last read. */
  noChange?: SyncMeasurement;
  /** `sync --delta` after deltaChangesLdif's 10 changes. */
  changed?: SyncMeasurement & { changes: ChangeSummary };
  /** `sync --full` after that delta: must write nothing if the delta converged. */
  fullAfter?: SyncMeasurement;
}

type Target = { target: string; status: 'PASS' | 'FAIL' | 'SKIP'; detail: string };

/** A delta may take at most this fraction of the full sync's wall time. */
export const DELTA_MAX_RATIO = 0.1;

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const ratio = (m: SyncMeasurement, full: SyncMeasurement) => m.wallMs / full.wallMs;

export function deltaTargets(full: SyncMeasurement | undefined, d: DeltaFigures | undefined, users: number): Target[] {
  const missing = 'not measured (see error)';
  const cases: [string, SyncMeasurement | undefined][] = [
    [`no-change delta ≤ ${DELTA_MAX_RATIO}× full sync (${users} users)`, d?.noChange],
    [`delta after ${d?.changed?.changes.total ?? 10} changes ≤ ${DELTA_MAX_RATIO}× full sync (${users} users)`, d?.changed],
  ];
  const t: Target[] = cases.map(([target, m]) => {
    if (!m || !full) return { target, status: 'FAIL', detail: missing };
    const r = ratio(m, full);
    return { target, status: r <= DELTA_MAX_RATIO ? 'PASS' : 'FAIL', detail: `${s(m.wallMs)} vs ${s(DELTA_MAX_RATIO * full.wallMs)} allowed (${r.toFixed(2)}× the full sync's ${s(full.wallMs)})` };
  });
  const n = d?.noChange;
  t.push(n ? { target: 'no-change delta writes 0 rows', status: n.writes.total === 0 ? 'PASS' : 'FAIL', detail: `${n.writes.total} rows ${JSON.stringify(n.writes.byTable)}` }
    : { target: 'no-change delta writes 0 rows', status: 'FAIL', detail: missing });
  const f = d?.fullAfter;
  t.push(f ? { target: 'full read after the delta writes 0 rows (the delta converged)', status: f.writes.total === 0 ? 'PASS' : 'FAIL', detail: `${f.writes.total} rows ${JSON.stringify(f.writes.byTable)}` }
    : { target: 'full read after the delta writes 0 rows (the delta converged)', status: 'FAIL', detail: missing });
  return t;
}

/** Table rows in the dirsync table's columns (step, wall, ×full instead of ×baseline, RSS, rows). */
export function deltaRows(full: SyncMeasurement | undefined, d: DeltaFigures | undefined, row: (name: string, m: SyncMeasurement | undefined, ratioText: string) => string[]): string[] {
  const c = d?.changed?.changes;
  const rows: [string, SyncMeasurement | undefined][] = [
    ['delta, no change', d?.noChange],
    [`delta, ${c?.total ?? 10} changes`, d?.changed],
    ['full read after that delta', d?.fullAfter],
  ];
  const out = rows.flatMap(([name, m]) => row(name, m, m && full ? `${ratio(m, full).toFixed(2)}×full` : '—'));
  if (c) out.push(`  delta changes: ${c.mailChanged} users got a new primary address, ${c.usersDeleted ?? 0} users deleted, ${c.usersAdded} users added; delta target ≤ ${DELTA_MAX_RATIO}× the full sync`);
  return out;
}
