// Vitest global setup: one slapd and one Samba AD DC for the whole run, started concurrently on
// loopback from test/fixtures, described to tests via project.provide('directories', …).
//
// DIRSYNC_TEST_DIRECTORIES=none (or slapd / samba / slapd,samba) starts fewer directories, for a
// fast unit-test loop; their tests skip. A missing binary or a failed start also skips, loudly,
// except under CI=true, where it fails the run.
import type { TestProject } from 'vitest/node';
import { createTestCa, issueServerCert } from './certs.ts';
import type { DirectoryInfo, SambaInfo, SlapdInfo } from './directory-info.ts';
import { findBinary, sweepStaleRunDirs } from './process.ts';
import { SAMBA_BINARIES, startSamba } from './samba.ts';
import { sambaFixtureInfo } from './samba-fixture.ts';
import { lockOutAccounts, sambaSeedKey, seedSamba, verifySambaFixture } from './samba-seed.ts';
import { SLAPD_BINARIES, startSlapd } from './slapd.ts';
import { slapdFixtureInfo } from './slapd-fixture.ts';

type Name = 'slapd' | 'samba';
interface Started<T> {
  info: T;
  stop: () => Promise<void>;
  note?: string;
}

const LABEL: Record<Name, string> = { slapd: 'OpenLDAP slapd', samba: 'Samba AD DC' };
const INSTALL: Record<Name, string> = {
  slapd: 'apt-get install slapd ldap-utils',
  samba: 'apt-get install samba samba-ad-dc samba-ad-provision samba-dsdb-modules samba-vfs-modules winbind krb5-user',
};

/** Whether DIRSYNC_TEST_DIRECTORIES (default: all) asks for this directory. */
function wanted(name: Name): boolean {
  const setting = (process.env.DIRSYNC_TEST_DIRECTORIES ?? 'all').toLowerCase();
  return setting === 'all' || setting.split(',').map((s) => s.trim()).includes(name);
}

function loudWarning(name: Name, reason: string): void {
  const bar = '!'.repeat(78);
  const lines = [
    `${LABEL[name].toUpperCase()} IS NOT AVAILABLE: ITS TESTS WILL BE SKIPPED`,
    ...reason.split('\n').slice(0, 30),
    ...(reason.startsWith('missing binaries') ? [`Install: ${INSTALL[name]}`] : []),
    'Under CI=true this fails the run instead.',
  ];
  console.warn(`\n${bar}\n${lines.map((l) => `!! ${l}`).join('\n')}\n${bar}\n`);
}

async function startFixtureSlapd(): Promise<Started<SlapdInfo>> {
  const slapd = await startSlapd();
  return { info: slapdFixtureInfo(slapd.url, slapd.port), stop: () => slapd.stop() };
}

async function startFixtureSamba(): Promise<Started<SambaInfo>> {
  const ca = await createTestCa('dirsync Samba test CA');
  // DNS:localhost only: ldaps://localhost verifies, ldaps://127.0.0.1 fails the host-name check.
  const cert = await issueServerCert(ca, { dnsNames: ['localhost'] });
  const info = sambaFixtureInfo(ca.certPem);
  const samba = await startSamba({
    tls: { ...cert, caPem: ca.certPem },
    prepare: { key: sambaSeedKey(), run: () => seedSamba(info) },
  });
  try {
    await lockOutAccounts(info);
    await verifySambaFixture(info);
    return { info, stop: () => samba.stop(), note: `template ${samba.template}` };
  } catch (err) {
    await samba.stop();
    throw new Error(`${(err as Error).message}\nSamba log tail:\n${samba.logTail()}`);
  }
}

interface Outcome<T> {
  started: Started<T> | null;
  /** Why it is null; set on failure too. */
  reason?: string;
  failed?: boolean;
  ms: number;
}

async function attempt<T>(name: Name, binaries: readonly string[], start: () => Promise<Started<T>>): Promise<Outcome<T>> {
  const t0 = performance.now();
  const ms = () => performance.now() - t0;
  if (!wanted(name)) return { started: null, reason: `not started (DIRSYNC_TEST_DIRECTORIES=${process.env.DIRSYNC_TEST_DIRECTORIES})`, ms: 0 };
  const missing = binaries.filter((b) => !findBinary(b));
  if (missing.length > 0) return { started: null, reason: `missing binaries: ${missing.join(', ')}`, failed: true, ms: ms() };
  try {
    return { started: await start(), ms: ms() };
  } catch (err) {
    return { started: null, reason: `failed to start: ${(err as Error).message}`, failed: true, ms: ms() };
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const t0 = performance.now();
  await sweepStaleRunDirs(['dirsync-slapd-', 'dirsync-samba-', 'dirsync-certs-', 'dirsync-pg-']);
  const [slapd, samba] = await Promise.all([
    attempt('slapd', SLAPD_BINARIES, startFixtureSlapd),
    attempt('samba', SAMBA_BINARIES, startFixtureSamba),
  ]);
  const teardown = async () => {
    const t1 = performance.now();
    await Promise.all([slapd.started?.stop(), samba.started?.stop()]);
    if (slapd.started || samba.started) console.log(`[directories] stopped in ${seconds(performance.now() - t1)}`);
  };
  const outcomes: [Name, Outcome<unknown>][] = [['slapd', slapd], ['samba', samba]];
  const failures = outcomes.filter(([, o]) => o.failed);
  if (failures.length > 0 && process.env.CI === 'true') {
    await teardown();
    const why = failures.map(([name, o]) => `${LABEL[name]} ${o.reason}`).join('\n\n');
    throw new Error(`${why}\n\nCI=true: a test directory that cannot start fails the run ` +
      '(DIRSYNC_TEST_DIRECTORIES=none skips them on purpose).');
  }
  for (const [name, o] of failures) loudWarning(name, o.reason ?? 'unknown');

  const info: DirectoryInfo = { slapd: slapd.started?.info ?? null, samba: samba.started?.info ?? null, unavailable: {} };
  if (slapd.reason) info.unavailable.slapd = slapd.reason;
  if (samba.reason) info.unavailable.samba = samba.reason;
  project.provide('directories', info);

  const part = (name: Name, o: Outcome<unknown>) =>
    o.started ? `${name} ${seconds(o.ms)}${o.started.note ? ` (${o.started.note})` : ''}` : `${name} skipped`;
  console.log(`[directories] ${part('slapd', slapd)}, ${part('samba', samba)}; setup ${seconds(performance.now() - t0)}`);
  return teardown;
}
