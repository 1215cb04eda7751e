import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliAgainst } from '../../support/cli.ts';
import { backends } from '../../support/databases.ts';
import { diagnose, stage } from '../../support/diagnose.ts';
import { closedPort, resettingListener, silentListener, tlsHangupListener, type Listener } from '../../support/fault-listeners.ts';
import { useDatabase } from '../../support/suite.ts';

const PASSWORD = 'Fault-Test-Secret-1';
const settings = (url: string, extra: string[] = []) => [
  '--kind', 'openldap', '--url', url, '--bind-dn', 'cn=svc,dc=example,dc=org', '--base-dn', 'dc=example,dc=org',
  ...(url.startsWith('ldap://') ? ['--tls', 'none'] : []), ...extra,
];
const short = ['--connect-timeout', '2', '--operation-timeout', '2'];

describe('connection faults made on loopback', () => {
  const db = useDatabase(backends[0]!);
  const listeners: Listener[] = [];
  const open = async (make: () => Promise<Listener>) => {
    const l = await make();
    listeners.push(l);
    return l.port;
  };
  let run: Awaited<ReturnType<typeof cliAgainst>>['run'];
  beforeAll(async () => {
    ({ run } = await cliAgainst(db.store));
  });
  afterAll(() => Promise.all(listeners.map((l) => l.close())));

  it('a closed port is connection_refused at tcp, and the rest is skipped', async () => {
    const { report, code } = await diagnose(run, 'refused', settings(`ldap://127.0.0.1:${await closedPort()}`), PASSWORD);
    expect(code).toBe(1);
    expect(report.failure).toMatchObject({ class: 'connection', reason: 'connection_refused', stage: 'tcp' });
    expect(report.failure!.checklist.join(' ')).toMatch(/firewall/);
    expect(report.stages.map((s) => s.status)).toEqual(['pass', 'fail', 'skipped', 'skipped', 'skipped', 'skipped', 'skipped', 'skipped']);
  });

  it('a host that accepts and never answers is connection_timeout, within the default timeouts, well under 30 s', async () => {
    const port = await open(silentListener);
    const started = Date.now();
    const { report } = await diagnose(run, 'silent', settings(`ldap://127.0.0.1:${port}`), PASSWORD);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(report.failure).toMatchObject({ class: 'connection', reason: 'connection_timeout', stage: 'bind' });
    expect(report.failure!.message).toMatch(/within 15 s/);
  });

  it('a silent LDAPS port times out in the TLS stage', async () => {
    const port = await open(silentListener);
    const { report } = await diagnose(run, 'silent-tls', settings(`ldaps://127.0.0.1:${port}`, short), PASSWORD);
    expect(report.failure).toMatchObject({ reason: 'connection_timeout', stage: 'tls' });
  });

  it('a server that resets is connection_reset', async () => {
    const port = await open(resettingListener);
    const { report } = await diagnose(run, 'reset', settings(`ldap://127.0.0.1:${port}`, short), PASSWORD);
    expect(report.failure).toMatchObject({ class: 'connection', reason: 'connection_reset' });
  });

  it('a server that hangs up during the TLS handshake is tls_handshake_failed, pointing at the NTDS\\Personal store', async () => {
    const port = await open(tlsHangupListener);
    const { report } = await diagnose(run, 'hangup', settings(`ldaps://127.0.0.1:${port}`, short), PASSWORD);
    expect(report.failure).toMatchObject({ class: 'tls', reason: 'tls_handshake_failed', stage: 'tls' });
    expect(report.failure!.checklist.join(' ')).toContain('NTDS\\Personal');
    expect(report.certificate).toBeNull();
  });

  it('a host under .invalid is dns_not_found (resolved on loopback only)', async () => {
    const { report } = await diagnose(run, 'nxdomain', settings('ldaps://dc1.corp.invalid', short), PASSWORD);
    expect(report.failure).toMatchObject({ class: 'connection', reason: 'dns_not_found', stage: 'dns' });
    expect(report.failure!.message).toContain('dc1.corp.invalid');
  });

  it('fails over to the next URL, and reports every server when all fail', async () => {
    const refused = `ldap://127.0.0.1:${await closedPort()}`;
    const silent = `ldap://127.0.0.1:${await open(silentListener)}`;
    const { report } = await diagnose(run, 'failover', [...settings(refused, short), '--url', silent], PASSWORD);
    expect(stage(report, 'tcp')).toMatchObject({ status: 'pass', detail: expect.stringContaining('after ldap://127.0.0.1') });
    expect(report.failure).toMatchObject({ reason: 'connection_timeout', stage: 'bind' });
    const both = await diagnose(run, 'all-down', [...settings(refused, short), '--url', `ldap://127.0.0.1:${await closedPort()}`], PASSWORD);
    expect(both.report.failure!.message).toMatch(/Every configured server failed: .*connection refused; .*connection refused/);
  });

  it('never reports the bind password', async () => {
    const { output } = await diagnose(run, 'nopw', settings(`ldap://127.0.0.1:${await closedPort()}`), PASSWORD);
    expect(output).not.toContain(PASSWORD);
  });
});
