// The dashboard's budget: its pages render in under 100 ms for an account of 200 integrations
// and 10,000 runs. Measured in this process against PGlite (the default) or a fresh Postgres
// database, after a few warm-up calls, so the numbers are steady-state request times.
import { openDatabase, type Database } from '../../src/adapters/db/client.ts';
import { createStore } from '../../src/adapters/db/store.ts';
import { showOverview } from '../../src/commands/account/show-overview.ts';
import type { Store } from '../../src/core/ports.ts';
import type { CommandContext, CommandDeps } from '../../src/commands/context.ts';
import { addWebUser } from '../../src/commands/web-user/add.ts';
import { signIn } from '../../src/commands/session/sign-in.ts';
import { testAccount } from '../support/context.ts';
import { createDb } from './pg.ts';
import { seedDashboard, type DashboardSeed, type DashboardSize } from './seed-dashboard.ts';

export const DASHBOARD_BUDGET_MS = 100;
export const DASHBOARD_SIZE: DashboardSize = { integrations: 200, runs: 10_000 };
const WARM_UP = 3;
const SAMPLES = 30;

export interface CaseTiming {
  name: string;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
}

export interface DashboardMeasurement {
  backend: Database['kind'];
  size: DashboardSize;
  seed: DashboardSeed;
  seedMs: number;
  cases: CaseTiming[];
}

/** What each case may use: the seeded account's store, a viewer's command context, and a signed-in page fetcher. */
export interface DashboardFixture {
  store: Store;
  viewer: CommandContext;
  /** GETs a dashboard page through the whole app (session, command, JSX render), as an admin. */
  page: (path: string) => Promise<string>;
}

/** The timed cases: the overview's command alone, then each page as the server renders it. */
const CASES: { name: string; run: (f: DashboardFixture) => Promise<unknown> }[] = [
  { name: 'showOverview', run: ({ viewer }) => showOverview({ ctx: viewer, input: {} }) },
  { name: 'GET /', run: ({ page }) => page('/') },
  { name: 'GET /integrations/dir-0010', run: ({ page }) => page('/integrations/dir-0010') },
  { name: 'GET /approvals', run: ({ page }) => page('/approvals') },
  { name: 'GET /alerts', run: ({ page }) => page('/alerts') },
  { name: 'GET /audit', run: ({ page }) => page('/audit') },
];

/** A signed-in admin fetching pages from the app, as the dashboard's browser would. */
async function pageFetcher(store: Store, deps: CommandDeps, accountId: string, admin: CommandContext) {
  // Loaded here, not at the top: the views are .tsx, compiled by the load hook (`node --import src/node-hooks.ts`).
  const { createApp } = await import('../../src/app.ts');
  const { loadDashboardAssets } = await import('../../src/faces/dashboard/node-assets.ts');
  const app = createApp({ deps, accountId, dashboard: { assets: loadDashboardAssets() } });
  await addWebUser({ ctx: admin, input: { login: 'bench', role: 'admin', password: 'dashboard timing passphrase' } });
  const anonymous = { ...deps, accountId, actor: { platform: 'web' as const, id: 'anonymous', role: 'viewer' as const } };
  const { token } = await signIn({ ctx: anonymous, input: { login: 'bench', password: 'dashboard timing passphrase', client: 'bench' } });
  return async (path: string) => {
    const res = await app.request(path, { headers: { cookie: `dirsync_session=${token}` } });
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
    return res.text();
  };
}

/** `database`: a name for a fresh Postgres database (dropped by the caller), or null for PGlite. */
export async function measureDashboard(database: string | null, log: (line: string) => void): Promise<DashboardMeasurement> {
  const db = database ? await openDatabase({ kind: 'postgres', url: await createDb(database) }) : await openDatabase({ kind: 'pglite', dataDir: null });
  try {
    await db.migrate();
    const store = createStore(db);
    const { account, as, deps } = await testAccount(store);
    const started = performance.now();
    const seed = await seedDashboard({ database: db }, account.id, DASHBOARD_SIZE);
    const seedMs = performance.now() - started;
    log(`dashboard (${db.kind}): seeded ${DASHBOARD_SIZE.integrations} integrations, ${DASHBOARD_SIZE.runs} runs, ${seed.held} held changes in ${(seedMs / 1000).toFixed(2)} s`);
    const fixture = { store, viewer: as('viewer'), page: await pageFetcher(store, deps, account.id, as('admin')) };
    const cases: CaseTiming[] = [];
    for (const c of CASES) cases.push({ name: c.name, ...(await time(() => c.run(fixture))) });
    return { backend: db.kind, size: DASHBOARD_SIZE, seed, seedMs, cases };
  } finally {
    await db.close();
  }
}

async function time(fn: () => Promise<unknown>): Promise<Omit<CaseTiming, 'name'>> {
  for (let i = 0; i < WARM_UP; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.ceil(q * samples.length) - 1)]!;
  return { medianMs: at(0.5), p95Ms: at(0.95), maxMs: samples[samples.length - 1]! };
}
