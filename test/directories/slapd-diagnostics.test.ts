import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestCa, daysFromNow, issueServerCert, type TestCa } from '../harness/certs.ts';
import { describeSlapd, slapdInfo } from '../harness/directories.ts';
import { startSlapd, type SlapdInstance } from '../harness/slapd.ts';
import { cliAgainst } from '../support/cli.ts';
import { backends } from '../support/databases.ts';
import { diagnose, stage } from '../support/diagnose.ts';
import { useDatabase } from '../support/suite.ts';

describeSlapd('dirsync test against a real OpenLDAP slapd', () => {
  const db = useDatabase(backends[0]!);
  let run: Awaited<ReturnType<typeof cliAgainst>>['run'];
  beforeAll(async () => {
    ({ run } = await cliAgainst(db.store));
  });
  const openldap = (bindDn: string, baseDn: string, url = slapdInfo().url) => [
    '--kind', 'openldap', '--url', url, '--tls', 'none', '--bind-dn', bindDn, '--base-dn', baseDn,
  ];

  it('reads the fixture: users without mail are counted (warning), the Docs/KB OU is flagged with its escaped form', async () => {
    const info = slapdInfo();
    const { report, code } = await diagnose(run, 'lab', openldap(info.service.dn, info.baseDn), info.service.password);
    expect(code).toBe(0);
    expect(report.ok).toBe(true);
    expect(stage(report, 'tls')).toMatchObject({ status: 'warn', detail: expect.stringMatching(/in clear/) });
    expect(stage(report, 'search').detail).toMatch(new RegExp(`^${info.users.length} users read in 1 page`));
    const withoutMail = info.users.filter((u) => !u.mail).length;
    const withoutProxy = info.users.filter((u) => u.proxyAddresses.length === 0).length;
    expect(stage(report, 'attributes')).toMatchObject({ status: 'warn' });
    expect(stage(report, 'attributes').detail).toContain(`${withoutMail} of ${info.users.length} without mail`);
    expect(stage(report, 'attributes').detail).toContain(`${withoutProxy} of ${info.users.length} without proxyAddresses`);
    const encoding = stage(report, 'encoding');
    expect(encoding.status).toBe('warn');
    expect(encoding.detail).toMatch(/^2 DNs with characters that must be escaped/);
    expect(encoding.detail).toContain(',ou=Docs/KB,dc=example,dc=org → ');
    expect(encoding.detail).toContain(',ou=Docs\\2FKB,dc=example,dc=org');
  });

  it('pages through a small page size', async () => {
    const info = slapdInfo();
    const { report } = await diagnose(run, 'lab-paged', openldap(info.service.dn, info.baseDn), info.service.password, ['--sample', '12']);
    expect(stage(report, 'search').detail).toMatch(/^12\+ users read in 2 pages of 10 \(a sample of 12\)/);
  });

  it('a wrong base DN is configuration/base_dn_not_found, naming the closest entry', async () => {
    const info = slapdInfo();
    const { report } = await diagnose(run, 'lab-base', openldap(info.service.dn, `ou=Staff,${info.baseDn}`), info.service.password);
    expect(report.failure).toMatchObject({ class: 'configuration', reason: 'base_dn_not_found', stage: 'base_dn' });
    expect(report.failure!.message).toContain(`the closest entry the account can read is ${info.baseDn}`);
  });

  it('an account that may bind but not read is configuration/insufficient_access', async () => {
    const info = slapdInfo();
    const { report } = await diagnose(run, 'lab-noread', openldap(info.noRead.dn, info.baseDn), info.noRead.password);
    expect(stage(report, 'bind').status).toBe('pass');
    expect(report.failure).toMatchObject({ class: 'configuration', reason: 'insufficient_access', stage: 'base_dn' });
  });

  it('a filter that matches nobody is directory_data/empty_result', async () => {
    const info = slapdInfo();
    const { report } = await diagnose(run, 'lab-empty', [...openldap(info.service.dn, info.baseDn), '--user-filter', '(uid=nobody-here)'], info.service.password);
    expect(report.failure).toMatchObject({ class: 'directory_data', reason: 'empty_result', stage: 'search' });
    expect(report.failure!.message).toContain('(uid=nobody-here)');
  });

  it('a proxy-address mapping nobody has is a warning; neither address attribute coming back fails the attributes stage', async () => {
    const info = slapdInfo();
    const { report } = await diagnose(run, 'lab-attr', [...openldap(info.service.dn, info.baseDn), '--attr', 'proxyAddresses=otherMailbox'], info.service.password);
    expect(report.failure).toBeNull();
    expect(stage(report, 'attributes')).toMatchObject({ status: 'warn', detail: expect.stringContaining('otherMailbox not returned for any of the') });
    const neither = await diagnose(run, 'lab-noaddr', [...openldap(info.service.dn, info.baseDn), '--attr', 'mail=otherMailbox', '--attr', 'proxyAddresses='], info.service.password);
    expect(neither.report.failure).toMatchObject({ class: 'configuration', reason: 'missing_mail_attributes', stage: 'attributes' });
    expect(neither.report.failure!.message).toContain('otherMailbox came back on none of the');
  });

  describeSlapd('certificates made by the test setup', () => {
    let ca: TestCa;
    let caFile: string;
    const servers: SlapdInstance[] = [];
    beforeAll(async () => {
      ca = await createTestCa('dirsync slapd test CA');
      caFile = join(mkdtempSync(join(tmpdir(), 'dirsync-slapd-ca-')), 'ca.pem');
      writeFileSync(caFile, ca.certPem);
    });
    afterAll(() => Promise.all(servers.map((s) => s.stop())));
    const withCertificate = async (notBefore: Date, notAfter: Date) => {
      const cert = await issueServerCert(ca, { dnsNames: ['localhost'], notBefore, notAfter });
      const server = await startSlapd({ tls: cert });
      servers.push(server);
      return `ldaps://localhost:${server.ldapsPort}`;
    };
    const ldaps = (url: string) => ['--kind', 'openldap', '--url', url, '--ca-file', caFile, '--bind-dn', slapdInfo().service.dn, '--base-dn', slapdInfo().baseDn];

    it('an expired server certificate is tls/cert_expired, with the date it expired', async () => {
      const url = await withCertificate(daysFromNow(-60), daysFromNow(-2));
      const { report } = await diagnose(run, 'lab-expired', ldaps(url), slapdInfo().service.password);
      expect(report.failure).toMatchObject({ class: 'tls', reason: 'cert_expired', stage: 'tls' });
      expect(report.failure!.message).toContain(`It expired on ${daysFromNow(-2).toISOString().slice(0, 10)}`);
      expect(report.certificate).toMatchObject({ subject: 'CN=localhost', issuer: 'CN=dirsync slapd test CA' });
      expect(report.certificate!.daysLeft).toBeLessThan(0);
    });

    it('a certificate expiring in 10 days passes with a warning', async () => {
      const url = await withCertificate(daysFromNow(-1), daysFromNow(10));
      const { report, code } = await diagnose(run, 'lab-expiring', ldaps(url), slapdInfo().service.password);
      expect(code).toBe(0);
      expect(report.ok).toBe(true);
      expect(stage(report, 'tls')).toMatchObject({ status: 'warn', detail: expect.stringMatching(/expires in (9|10) days/) });
      expect(report.certificate!.daysLeft).toBeGreaterThanOrEqual(9);
      expect(report.certificate!.daysLeft).toBeLessThanOrEqual(10);
    });
  });
});
