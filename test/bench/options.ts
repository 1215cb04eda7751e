// Flags, each with an environment twin (npm run bench -- --users 10000, or BENCH_USERS=10000).
import { parseArgs } from 'node:util';

export interface BenchOptions {
  users: number;
  /** Size of the memory-scaling comparison run. */
  smallUsers: number;
  skipBaseline: boolean;
  /** The baseline is the median of this many runs. */
  baselineRuns: number;
  keep: boolean;
  syncTimeoutMs: number;
  /** Only the dashboard case: no fixtures, slapd or syncs. */
  dashboardOnly: boolean;
  dashboardDb: 'pglite' | 'postgres';
  /** Only the CLI's answer times (--version, --help, list three ways). */
  cliOnly: boolean;
  /** Only the fixtures, baseline and syncs (full, re-syncs, deltas): no CLI or dashboard case. */
  syncsOnly: boolean;
}

export const USAGE = `Usage: npm run bench -- [options]

  --users N          Directory size for the main run (default 100000; env BENCH_USERS)
  --small-users N    Size of the peak-RSS comparison run (default 10000; env BENCH_SMALL_USERS)
  --skip-baseline    Don't measure ldapsearch + psql \\copy (the 3× target is then skipped;
                     env BENCH_SKIP_BASELINE=1)
  --baseline-runs N  Baseline = median of N dump + copy runs (default 3; env BENCH_BASELINE_RUNS)
  --sync-timeout S    Kill a sync that runs longer than S seconds (default 900; env BENCH_SYNC_TIMEOUT)
  --keep             Keep the dirsync_bench_* databases for inspection (env BENCH_KEEP=1)
  --dashboard-only   Only time the dashboard (200 integrations, 10,000 runs) against its 100 ms
                     budget; needs no LDAP fixtures (env BENCH_DASHBOARD_ONLY=1)
  --cli-only         Only time the CLI: --version and --help, and list on Postgres, through a
                     running server's socket and booting PGlite itself (env BENCH_CLI_ONLY=1)
  --syncs-only       Only the fixtures, baseline and syncs (full, re-syncs, deltas); no CLI or
                     dashboard case (env BENCH_SYNCS_ONLY=1)
  --dashboard-db DB  pglite (default) or postgres: where the dashboard case seeds its account
                     (env BENCH_DASHBOARD_DB)

Fixtures are cached in $DIRSYNC_BENCH_CACHE (default: <tmpdir>/dirsync-bench-cache).
Postgres: $BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), used to create
and drop databases named dirsync_bench_*. BENCH_RSS=poll measures RSS by polling VmHWM instead
of GNU time. BENCH_CLI=path runs another CLI entry point than src/cli.mjs (to test the bench).
`;

const whole = (name: string, raw: string | undefined, fallback: number, min: number): number => {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw.replaceAll('_', ''));
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be a whole number ≥ ${min}, got "${raw}"`);
  return n;
};

const flag = (value: boolean | undefined, env: string | undefined): boolean => Boolean(value) || env === '1' || env === 'true';

function backend(raw: string | undefined): BenchOptions['dashboardDb'] {
  if (raw === undefined || raw === '' || raw === 'pglite') return 'pglite';
  if (raw === 'postgres') return 'postgres';
  throw new Error(`--dashboard-db must be pglite or postgres, got "${raw}"`);
}

/** null: --help was asked for. */
export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      users: { type: 'string' },
      'small-users': { type: 'string' },
      'skip-baseline': { type: 'boolean' },
      'baseline-runs': { type: 'string' },
      keep: { type: 'boolean' },
      'sync-timeout': { type: 'string' },
      'dashboard-only': { type: 'boolean' },
      'dashboard-db': { type: 'string' },
      'cli-only': { type: 'boolean' },
      'syncs-only': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return null;
  return {
    users: whole('--users', values.users ?? env.BENCH_USERS, 100_000, 10),
    smallUsers: whole('--small-users', values['small-users'] ?? env.BENCH_SMALL_USERS, 10_000, 10),
    skipBaseline: flag(values['skip-baseline'], env.BENCH_SKIP_BASELINE),
    baselineRuns: whole('--baseline-runs', values['baseline-runs'] ?? env.BENCH_BASELINE_RUNS, 3, 1),
    keep: flag(values.keep, env.BENCH_KEEP),
    syncTimeoutMs: 1000 * whole('--sync-timeout', values['sync-timeout'] ?? env.BENCH_SYNC_TIMEOUT, 900, 1),
    dashboardOnly: flag(values['dashboard-only'], env.BENCH_DASHBOARD_ONLY),
    dashboardDb: backend(values['dashboard-db'] ?? env.BENCH_DASHBOARD_DB),
    cliOnly: flag(values['cli-only'], env.BENCH_CLI_ONLY),
    syncsOnly: flag(values['syncs-only'], env.BENCH_SYNCS_ONLY),
  };
}
