// The report: what was measured, side by side with the baseline, and the three targets.
import { cliTargets, type CliTiming } from './cli-timings.ts';
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Baseline } from './baseline.ts';
import type { ChangeSummary } from './changes.ts';
import { DASHBOARD_BUDGET_MS, DASHBOARD_SIZE, type DashboardMeasurement } from './dashboard.ts';
import type { SyncMeasurement } from './dirsync.ts';
import { deltaRows, deltaTargets, type DeltaFigures } from './delta-report.ts';
import type { BenchOptions } from './options.ts';

export interface FixtureReport {
  users: number;
  groups: number;
  memberships: number;
  cacheDir: string;
  /** null: taken from the cache. */
  build: { generateMs: number; slapaddMs: number; dbBytes: number } | null;
}

export interface BenchReport {
  startedAt: string;
  node: string;
  cpus: number;
  options: BenchOptions;
  fixtures: { main?: FixtureReport; small?: FixtureReport };
  baseline: Baseline | null;
  dirsync: { startup?: { wallMs: number; peakRss: number | null }; full?: SyncMeasurement; noChange?: SyncMeasurement; changed?: SyncMeasurement & { changes: ChangeSummary }; small?: SyncMeasurement; delta?: DeltaFigures };
  dashboard: DashboardMeasurement | null;
  /** The CLI's answer times (cli-timings.ts). */
  cli?: CliTiming[];
  targets: { target: string; status: 'PASS' | 'FAIL' | 'SKIP'; detail: string }[];
  error: string | null;
}

export const RESULTS_FILE = fileURLToPath(new URL('./results/latest.json', import.meta.url));

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mib = (bytes: number | null | undefined) => (bytes ? `${(bytes / 2 ** 20).toFixed(0)} MiB` : '—');
const x = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
const ms = (n: number) => `${n.toFixed(1)} ms`;

export function evaluateTargets(r: BenchReport): BenchReport['targets'] {
  return [...(r.cli ? cliTargets(r.cli) : []), ...(r.options.cliOnly ? [] : runTargets(r))];
}

function runTargets(r: BenchReport): BenchReport['targets'] {
  if (r.options.dashboardOnly) return [{ target: 'sync targets (full sync, no-change writes, peak RSS)', status: 'SKIP', detail: '--dashboard-only' }, ...dashboardTargets(r)];
  const t: BenchReport['targets'] = [];
  const { full, noChange, small } = r.dirsync;
  const missing = 'not measured (see error)';
  if (!r.baseline) t.push({ target: 'full sync ≤ 3× baseline', status: 'SKIP', detail: 'no baseline (--skip-baseline)' });
  else if (!full) t.push({ target: 'full sync ≤ 3× baseline', status: 'FAIL', detail: missing });
  else {
    const ok = full.wallMs <= 3 * r.baseline.totalMs;
    t.push({ target: 'full sync ≤ 3× baseline', status: ok ? 'PASS' : 'FAIL', detail: `${s(full.wallMs)} vs ${s(3 * r.baseline.totalMs)} allowed (${x(full.wallMs, r.baseline.totalMs)})` });
  }
  if (!noChange || !full) t.push({ target: 'no-change re-sync writes 0 rows', status: 'FAIL', detail: missing });
  // If the full sync wrote nothing either, the statistics don't see dirsync's tables at all.
  else if (full.writes.total === 0) t.push({ target: 'no-change re-sync writes 0 rows', status: 'FAIL', detail: 'the full sync wrote no rows to directory_% / pending_changes either: cannot verify' });
  else t.push({ target: 'no-change re-sync writes 0 rows', status: noChange.writes.total === 0 ? 'PASS' : 'FAIL', detail: `${noChange.writes.total} rows ${JSON.stringify(noChange.writes.byTable)}` });
  const rssName = `peak RSS at ${r.options.users} users ≤ 1.5× at ${r.options.smallUsers}`;
  if (r.options.users <= r.options.smallUsers) t.push({ target: rssName, status: 'SKIP', detail: '--users is not larger than --small-users' });
  else if (!full?.peakRss || !small?.peakRss) t.push({ target: rssName, status: 'FAIL', detail: missing });
  else {
    const ok = full.peakRss <= 1.5 * small.peakRss;
    t.push({ target: rssName, status: ok ? 'PASS' : 'FAIL', detail: `${mib(full.peakRss)} vs ${mib(1.5 * small.peakRss)} allowed (${x(full.peakRss, small.peakRss)})` });
  }
  return [...t, ...deltaTargets(full, r.dirsync.delta, r.options.users), ...dashboardTargets(r)];
}

/** Each dashboard case's p95 against the page budget (one target per case). */
function dashboardTargets(r: BenchReport): BenchReport['targets'] {
  if (r.options.syncsOnly) return [{ target: `dashboard ≤ ${DASHBOARD_BUDGET_MS} ms`, status: 'SKIP', detail: '--syncs-only' }];
  const d = r.dashboard;
  const size = `${DASHBOARD_SIZE.integrations} integrations, ${DASHBOARD_SIZE.runs} runs`;
  if (!d) return [{ target: `dashboard ≤ ${DASHBOARD_BUDGET_MS} ms (${size})`, status: 'FAIL', detail: 'not measured (see error)' }];
  return d.cases.map((c) => ({
    target: `${c.name} ≤ ${DASHBOARD_BUDGET_MS} ms (${size}, ${d.backend})`,
    status: c.p95Ms <= DASHBOARD_BUDGET_MS ? 'PASS' : 'FAIL',
    detail: `p95 ${ms(c.p95Ms)}, median ${ms(c.medianMs)}, max ${ms(c.maxMs)} (${x(c.p95Ms, DASHBOARD_BUDGET_MS)} of the budget)`,
  }));
}

/** Non-zero counts only: "users: added 3, updated 4 · memberships: added 3". */
function counts(m: SyncMeasurement): string {
  return Object.entries(m.result.counts)
    .map(([kind, c]) => (typeof c === 'object' && c ? `${kind}: ${Object.entries(c).filter(([, n]) => n).map(([k, n]) => `${k} ${String(n)}`).join(', ') || 'none'}` : `${kind} ${String(c)}`))
    .join(' · ');
}

/** Fixtures, baseline and the syncs, side by side with the baseline. */
function syncLines(r: BenchReport): string[] {
  const out: string[] = [];
  const f = r.fixtures.main;
  const fixture = (name: string, fx: FixtureReport | undefined) => fx && `  ${name}: ${fx.users} users, ${fx.groups} groups, ${fx.memberships} memberships — ` +
    (fx.build ? `built in ${s(fx.build.generateMs + fx.build.slapaddMs)} (generate ${s(fx.build.generateMs)}, slapadd ${s(fx.build.slapaddMs)}, ${mib(fx.build.dbBytes)} MDB)` : 'from cache') + `\n    ${fx.cacheDir}`;
  out.push('fixtures (OpenLDAP, slapadd, cached)');
  out.push(...[fixture('main', f), fixture('small', r.fixtures.small)].filter((l): l is string => Boolean(l)), '');
  const b = r.baseline;
  if (b) {
    out.push(`baseline — counted: paged ldapsearch (users, then groups) + one psql \\copy into index-free tables; median of ${b.runs.length} runs`);
    out.push(`  ldapsearch -E pr=1000 dump   ${s(b.dumpMs).padStart(9)}   ${(b.dumpBytes / 1e6).toFixed(1)} MB LDIF`);
    out.push(`  psql \\copy                   ${s(b.copyMs).padStart(9)}   ${b.rows.users} users, ${b.rows.addresses} addresses, ${b.rows.groups} groups, ${b.rows.memberships} memberships`);
    out.push(`  baseline total               ${s(b.totalMs).padStart(9)}   all runs: ${b.runs.map((run) => s(run.totalMs)).join(', ')}`);
    out.push(`  not counted: LDIF→CSV glue ${s(b.glueMs)}, slapd start, creating the database and its tables`, '');
  } else out.push('baseline — skipped', '');
  out.push('dirsync — wall time of `npm run dirsync -- sync bench --json` (node and its flags from package.json, start-up included), rows from pg_stat_user_tables');
  out.push(`  ${'step'.padEnd(30)}${'wall'.padStart(9)}${'×baseline'.padStart(11)}${'peak RSS'.padStart(10)}${'rows written'.padStart(14)}`);
  const rows: [string, SyncMeasurement | undefined][] = [
    [`full sync (${r.options.users} users)`, r.dirsync.full],
    ['re-sync, no change', r.dirsync.noChange],
    [`re-sync, ${r.dirsync.changed?.changes.total ?? 10} changes`, r.dirsync.changed],
    [`full sync (${r.options.smallUsers} users)`, r.options.users > r.options.smallUsers ? r.dirsync.small : undefined],
  ];
  const st = r.dirsync.startup;
  if (st) out.push(`  ${'start-up only (`version`)'.padEnd(30)}${s(st.wallMs).padStart(9)}${'—'.padStart(11)}${mib(st.peakRss).padStart(10)}   (floor under every row below)`);
  const row = (name: string, m: SyncMeasurement | undefined, ratio: string): string[] => (!m ? [`  ${name.padEnd(30)}${'—'.padStart(9)}`] : [
    `  ${name.padEnd(30)}${s(m.wallMs).padStart(9)}${ratio.padStart(11)}${mib(m.peakRss).padStart(10)}${String(m.writes.total).padStart(14)}`,
    `      dirsync durationMs ${m.result.durationMs}; ${counts(m)}`,
  ]);
  for (const [name, m] of rows) out.push(...row(name, m, m && b && m !== r.dirsync.small ? x(m.wallMs, b.totalMs) : '—'));
  const c = r.dirsync.changed?.changes;
  if (c) out.push(`  changes: ${c.mailChanged} users got a new primary address, ${c.usersAdded} users added, ${c.membershipsMoved} users moved to another group`);
  if (r.dirsync.delta) out.push(...deltaRows(r.dirsync.full, r.dirsync.delta, row));
  const method = r.dirsync.full?.rssMethod;
  if (method) out.push(`  peak RSS of the Node process itself, by ${method === 'gnu-time' ? 'GNU time %M' : 'polling /proc/<pid>/status VmHWM'}`);
  out.push('');
  return out;
}

function dashboardLines(d: DashboardMeasurement): string[] {
  return [
    `dashboard — in-process on ${d.backend}, after warm-up: ${d.size.integrations} integrations, ${d.size.runs} runs, ${d.seed.held} held changes behind ${d.seed.blockers.length} blockers (seeded in ${s(d.seedMs)})`,
    `  ${'case'.padEnd(30)}${'median'.padStart(10)}${'p95'.padStart(10)}${'max'.padStart(10)}${'p95/budget'.padStart(12)}`,
    ...d.cases.map((c) => `  ${c.name.padEnd(30)}${ms(c.medianMs).padStart(10)}${ms(c.p95Ms).padStart(10)}${ms(c.maxMs).padStart(10)}${x(c.p95Ms, DASHBOARD_BUDGET_MS).padStart(12)}`),
    '',
  ];
}

export function formatReport(r: BenchReport): string {
  const out = [`dirsync bench — ${r.startedAt}, Node ${r.node}, ${r.cpus} CPUs`, ''];
  if (r.cli) out.push('CLI (median of 3)', ...r.cli.map((t) => `  ${t.case.padEnd(36)}${s(t.wallMs).padStart(9)}${mib(t.peakRss).padStart(10)}   target ${s(t.targetMs)}${t.targetRss ? `, ${mib(t.targetRss)}` : ''}`), '');
  if (!r.options.dashboardOnly && !r.options.cliOnly) out.push(...syncLines(r));
  if (r.dashboard) out.push(...dashboardLines(r.dashboard));
  out.push('targets');
  for (const t of r.targets) out.push(`  ${t.status.padEnd(5)} ${t.target}: ${t.detail}`);
  if (r.error) out.push('', `error: ${r.error}`);
  return `${out.join('\n')}\n`;
}

export async function writeReport(r: BenchReport): Promise<void> {
  await mkdir(new URL('./results/', import.meta.url), { recursive: true });
  await writeFile(RESULTS_FILE, `${JSON.stringify(r, null, 2)}\n`);
}
