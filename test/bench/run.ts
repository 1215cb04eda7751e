// npm run bench: fixtures → baseline → dirsync (full, no-change, 10 changes, deltas, small size) →
// dashboard → report. Progress goes to stderr, the report to stdout and test/bench/results/latest.json.
import { cpus } from 'node:os';
import { runBaseline } from './baseline.ts';
import { ensureFixture, startBenchSlapd } from './bench-slapd.ts';
import type { BenchSlapd, CachedFixture } from './bench-slapd.ts';
import { applyChanges, changesLdif, deltaChangesLdif } from './changes.ts';
import type { DeltaFigures } from './delta-report.ts';
import { measureDashboard } from './dashboard.ts';
import { measureCli } from './cli-timings.ts';
import { measureStartup, prepareDirsync } from './dirsync.ts';
import type { BenchDb } from './dirsync.ts';
import { paramsFor } from './fixture-ldif.ts';
import type { FixtureFacts } from './fixture-ldif.ts';
import { killChildren } from './measure.ts';
import { parseOptions, USAGE } from './options.ts';
import { evaluateTargets, formatReport, RESULTS_FILE, writeReport } from './report.ts';
import type { BenchReport, FixtureReport } from './report.ts';
import { dropDb } from './pg.ts';

const started = performance.now();
const log = (line: string): void => {
  process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}\n`);
};

const options = parseOptions(process.argv.slice(2), process.env);
if (!options) {
  process.stdout.write(USAGE);
  process.exit(0);
}

// Undo steps, newest first; run on success, failure and Ctrl-C alike.
const cleanups: { what: string; fn: () => Promise<void> }[] = [];
let cleaning: Promise<void> | undefined;
/** One pass even when Ctrl-C and the main flow's `finally` both ask for it. */
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (let c = cleanups.pop(); c; c = cleanups.pop()) {
      await c.fn().catch((e: unknown) => log(`cleanup (${c!.what}) failed: ${e instanceof Error ? e.message : String(e)}`));
    }
  })();
  return cleaning;
}
/** Registers an undo step; the returned function runs it now (once) instead of at the end. */
function defer(what: string, fn: () => Promise<void>): () => Promise<void> {
  const entry = { what, fn };
  cleanups.push(entry);
  return async () => {
    const i = cleanups.indexOf(entry);
    if (i >= 0) await cleanups.splice(i, 1)[0]!.fn();
  };
}
process.once('SIGINT', () => {
  log('interrupted: cleaning up');
  killChildren();
  void cleanUp().finally(() => process.exit(130));
});

const prefix = `dirsync_bench_${process.pid}`;
const report: BenchReport = {
  startedAt: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  options,
  fixtures: {},
  baseline: null,
  dirsync: {},
  dashboard: null,
  targets: [],
  error: null,
};

async function fixture(users: number): Promise<[CachedFixture, FixtureReport]> {
  const fx = await ensureFixture(paramsFor(users), log);
  const info: FixtureReport = { users: fx.facts.users, groups: fx.facts.groups, memberships: fx.facts.memberships, cacheDir: fx.dir, build: fx.build };
  log(`fixture ${users}: ${fx.build ? 'built' : 'cached'} (${info.groups} groups, ${info.memberships} memberships)`);
  return [fx, info];
}

async function slapdFor(fx: CachedFixture): Promise<BenchSlapd> {
  const slapd = await startBenchSlapd(fx);
  log(`slapd ${slapd.url} (${fx.facts.users} users)`);
  return { ...slapd, stop: defer('stop slapd', () => slapd.stop()) };
}

async function dirsyncDb(step: string, ldapUrl: string): Promise<BenchDb> {
  const db = await prepareDirsync(`${prefix}_${step}`, ldapUrl, options!.syncTimeoutMs);
  log(`${db.name}: migrated, integration "bench" added`);
  return { ...db, drop: defer(`drop ${db.name}`, async () => (options!.keep ? log(`kept database ${db.url}`) : db.drop())) };
}

async function dashboard(o: NonNullable<typeof options>): Promise<void> {
  let name: string | null = null;
  if (o.dashboardDb === 'postgres') {
    name = `${prefix}_dashboard`;
    const db = name;
    defer(`drop ${db}`, async () => (o.keep ? log(`kept database ${db}`) : dropDb(db)));
  }
  report.dashboard = await measureDashboard(name, log);
  for (const c of report.dashboard.cases) log(`dashboard: ${c.name} median ${c.medianMs.toFixed(1)} ms, p95 ${c.p95Ms.toFixed(1)} ms`);
}

async function main(o: NonNullable<typeof options>): Promise<void> {
  // The syncs first: after the dashboard case (PGlite in this process) the sync children ran
  // measurably slower (4.5 s instead of 4.0 s at 100k users). A failing LDAP step must not cost
  // the dashboard its numbers, so that case runs whatever happened to the syncs.
  if (o.syncsOnly) return syncs(o);
  if (!o.dashboardOnly) {
    log('cli: --version, --help, list (PGlite, socket, Postgres)');
    report.cli = await measureCli(prefix, log);
  }
  if (o.cliOnly) return;
  try {
    if (!o.dashboardOnly) await syncs(o);
  } finally {
    await dashboard(o);
  }
}

async function syncs(o: NonNullable<typeof options>): Promise<void> {
  const [main, mainInfo] = await fixture(o.users);
  report.fixtures.main = mainInfo;
  // Built up front too, so a missing cache doesn't interrupt the measurements later.
  const [small, smallInfo] = o.users > o.smallUsers ? await fixture(o.smallUsers) : [];
  report.fixtures.small = smallInfo;

  const slapd = await slapdFor(main);
  if (!o.skipBaseline) {
    const name = `${prefix}_baseline`;
    const drop = defer(`drop ${name}`, async () => (o.keep ? log(`kept database ${name}`) : dropDb(name)));
    log(`baseline: ldapsearch dump + psql \\copy, ${o.baselineRuns}×`);
    report.baseline = await runBaseline(slapd.url, main.facts, name, o.baselineRuns);
    log(`baseline: ${(report.baseline.totalMs / 1000).toFixed(2)} s`);
    // Now, not at the end: autovacuum would otherwise analyse its 850,000 fresh rows while the
    // syncs are timed, on the same two cores.
    await drop();
  }

  report.dirsync.startup = await measureStartup();
  const db = await dirsyncDb('full', slapd.url);
  log('dirsync: full sync');
  report.dirsync.full = await db.sync();
  log(`dirsync: full sync ${(report.dirsync.full.wallMs / 1000).toFixed(2)} s; re-sync without changes`);
  report.dirsync.noChange = await db.sync();
  const changes = await applyChanges(slapd.url, changesLdif(main.facts));
  log(`applied ${changes.total} changes with ldapmodify; re-sync`);
  report.dirsync.changed = { ...(await db.sync()), changes };
  await deltas(db, slapd.url, main.facts);

  if (small) {
    // One directory at a time: on 2 cores an idle slapd costs little, but its memory is not needed.
    await db.drop();
    await slapd.stop();
    const smallSlapd = await slapdFor(small);
    const smallDb = await dirsyncDb('small', smallSlapd.url);
    log(`dirsync: full sync at ${o.smallUsers} users`);
    report.dirsync.small = await smallDb.sync();
  }
}

/**
 * Deltas against the full sync above: the full re-syncs saved a watermark. The last full read is
 * seconds old, so the no-change delta re-reads the entries changed above (inside the 5-minute
 * skew margin of timestamp deltas) — as a delta on a live server would.
 */
async function deltas(db: BenchDb, url: string, facts: FixtureFacts): Promise<void> {
  const delta: DeltaFigures = {};
  report.dirsync.delta = delta;
  log('dirsync: delta, no change');
  delta.noChange = await db.sync('delta');
  const changes = await applyChanges(url, deltaChangesLdif(facts));
  log(`applied ${changes.total} changes with ldapmodify; delta`);
  delta.changed = { ...(await db.sync('delta')), changes };
  log('dirsync: full read after the delta (must write nothing)');
  delta.fullAfter = await db.sync('full');
}

try {
  await main(options);
} catch (e) {
  report.error = e instanceof Error ? e.message : String(e);
  log(`stopped: ${report.error.split('\n')[0]}`);
} finally {
  await cleanUp();
}
report.targets = evaluateTargets(report);
process.stdout.write(formatReport(report));
await writeReport(report);
log(`report written to ${RESULTS_FILE}`);
process.exitCode = report.error || report.targets.some((t) => t.status === 'FAIL') ? 1 : 0;
