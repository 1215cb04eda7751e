import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describeSamba, sambaInfo } from '../harness/directories.ts';
import { cliAgainst } from '../support/cli.ts';
import { backends } from '../support/databases.ts';
import { diagnose, stage } from '../support/diagnose.ts';
import { useDatabase } from '../support/suite.ts';

describeSamba('dirsync test against a real Samba AD DC', () => {
  const db = useDatabase(backends[0]!);
  let run: Awaited<ReturnType<typeof cliAgainst>>['run'];
  let caFile: string;
  beforeAll(async () => {
    ({ run } = await cliAgainst(db.store));
    caFile = join(mkdtempSync(join(tmpdir(), 'dirsync-samba-ca-')), 'ca.pem');
    writeFileSync(caFile, sambaInfo().caPem);
  });
  const ad = (url: string, bindDn: string, extra: string[] = []) => [
    '--kind', 'active_directory', '--url', url, '--bind-dn', bindDn, '--base-dn', sambaInfo().baseDn, ...extra,
  ];

  it('passes over ldaps:// with its CA, reporting the certificate', async () => {
    const info = sambaInfo();
    const { report, code, output } = await diagnose(run, 'samba-ok', ad(info.ldapsUrl, info.service.dn, ['--ca-file', caFile]), info.service.password);
    expect(code).toBe(0);
    expect(report.ok).toBe(true);
    expect(report.failure).toBeNull();
    expect(report.stages.map((s) => s.name)).toEqual(['dns', 'tcp', 'tls', 'bind', 'base_dn', 'search', 'attributes', 'encoding']);
    expect(report.stages.every((s) => s.status === 'pass' || s.status === 'warn')).toBe(true);
    expect(stage(report, 'tls').detail).toMatch(/^TLSv1\.[23], certificate/);
    expect(report.certificate).toMatchObject({ subject: expect.stringContaining('CN='), daysLeft: expect.any(Number) });
    expect(report.certificate!.daysLeft).toBeGreaterThan(300);
    expect(output).not.toContain(info.service.password);
  });

  it('a user principal name binds as well as a DN', async () => {
    const info = sambaInfo();
    const { report } = await diagnose(run, 'samba-upn', ad(info.ldapsUrl, info.service.userPrincipalName, ['--ca-file', caFile]), info.service.password);
    expect(stage(report, 'bind')).toMatchObject({ status: 'pass' });
  });

  it('a wrong password is credential/invalid_credentials (AD data 52e)', async () => {
    const info = sambaInfo();
    const { report, code } = await diagnose(run, 'samba-52e', ad(info.ldapsUrl, info.service.dn, ['--ca-file', caFile]), 'not-the-password');
    expect(code).toBe(1);
    expect(report.failure).toMatchObject({ class: 'credential', reason: 'invalid_credentials', stage: 'bind' });
    expect(report.failure!.diagnostic).toMatch(/data 52e/);
    expect(report.failure!.message).toContain('data 52e');
  });

  it.each([
    ['disabled', 'account_disabled', '533'],
    ['expired', 'account_expired', '701'],
    ['lockedOut', 'account_locked', '775'],
    ['mustChangePassword', 'password_must_change', '773'],
  ] as const)('the %s account is credential/%s (data %s)', async (kind, reason, data) => {
    const info = sambaInfo();
    const account = info.failures[kind];
    const { report } = await diagnose(run, `samba-${data}`, ad(info.ldapsUrl, account.dn, ['--ca-file', caFile]), account.password);
    expect(report.failure).toMatchObject({ class: 'credential', reason, stage: 'bind' });
    expect(report.failure!.diagnostic).toContain(`data ${data}`);
  });

  it('a simple bind over plain ldap:// is refused: tls/tls_required', async () => {
    const info = sambaInfo();
    const { report } = await diagnose(run, 'samba-plain', ad(info.url, info.service.dn, ['--tls', 'none']), info.service.password);
    expect(stage(report, 'tls').status).toBe('warn');
    expect(report.failure).toMatchObject({ class: 'tls', reason: 'tls_required', stage: 'bind' });
    expect(report.failure!.checklist[0]).toMatch(/--tls starttls.*ldaps:\/\//);
  });

  it('StartTLS on ldap:// works with the CA', async () => {
    const info = sambaInfo();
    const { report } = await diagnose(run, 'samba-starttls', ad(info.url.replace('127.0.0.1', 'localhost'), info.service.dn, ['--ca-file', caFile]), info.service.password);
    expect(report.failure).toBeNull();
    expect(stage(report, 'tls').detail).toMatch(/^TLSv1\.[23]/);
  });

  it('without its CA the certificate is untrusted, and the report still names it', async () => {
    const info = sambaInfo();
    const { report } = await diagnose(run, 'samba-noca', ad(info.ldapsUrl, info.service.dn), info.service.password);
    expect(report.failure).toMatchObject({ class: 'tls', reason: 'cert_untrusted', stage: 'tls' });
    expect(report.certificate).not.toBeNull();
    expect(report.failure!.message).toMatch(/issued by CN=dirsync Samba test CA/);
  });

  it('with the CA but an address the certificate does not name: cert_hostname_mismatch', async () => {
    const info = sambaInfo();
    const { report } = await diagnose(run, 'samba-ip', ad(info.ldapsIpUrl, info.service.dn, ['--ca-file', caFile]), info.service.password);
    expect(report.failure).toMatchObject({ class: 'tls', reason: 'cert_hostname_mismatch', stage: 'tls' });
    expect(report.failure!.message).toContain('The URL names 127.0.0.1');
  });

  it('an AD without Exchange (mail, no proxyAddresses) passes with a warning; proxyAddresses= (none) removes it and the sync honours it', async () => {
    const info = sambaInfo();
    const settings = ['--kind', 'active_directory', '--url', info.ldapsUrl, '--ca-file', caFile, '--bind-dn', info.service.dn, '--base-dn', info.ous.noExchange];
    const { report, code } = await diagnose(run, 'samba-noex', settings, info.service.password);
    expect(code).toBe(0);
    expect(report).toMatchObject({ ok: true, failure: null });
    expect(stage(report, 'attributes').status).toBe('warn');
    expect(stage(report, 'attributes').detail).toMatch(/^proxyAddresses not returned for any of the 2 sampled users: aliases will not be synced/);
    expect(JSON.parse((await run(['show', 'samba-noex', '--json'])).stdout)).toMatchObject({ state: 'enabled' });

    expect((await run(['integrations', 'update', 'samba-noex', '--attr', 'proxyAddresses='])).code).toBe(0);
    const shown = await run(['show', 'samba-noex']);
    expect(shown.stdout).toContain('proxyAddresses=(none)');
    expect(JSON.parse((await run(['show', 'samba-noex', '--json'])).stdout).attributes).toMatchObject({ mail: 'mail', proxyAddresses: '' });
    const none = JSON.parse((await run(['test', 'samba-noex', '--json'])).stdout);
    expect(stage(none, 'attributes')).toMatchObject({ status: 'pass', detail: 'mail and objectGUID (proxyAddresses: none) present on all 2 sampled users' });

    const synced = await run(['sync', 'samba-noex', '--json']);
    expect(JSON.parse(synced.stdout)).toMatchObject({ status: 'succeeded', failure: null, counts: { users: { added: 2 } } });
  });

  it('the result is kept as the last test and moves the integration in and out of error', async () => {
    const info = sambaInfo();
    await diagnose(run, 'samba-state', ad(info.ldapsUrl, info.service.dn, ['--ca-file', caFile]), 'wrong-password');
    const failed = JSON.parse((await run(['show', 'samba-state', '--json'])).stdout);
    expect(failed).toMatchObject({ state: 'error', lastTest: { ok: false, failure: { class: 'credential', reason: 'invalid_credentials' } } });
    expect((await run(['integrations', 'update', 'samba-state', '--password-env', 'P'], { env: { P: info.service.password } })).code).toBe(0);
    expect((await run(['test', 'samba-state'])).code).toBe(0);
    const passed = JSON.parse((await run(['show', 'samba-state', '--json'])).stdout);
    expect(passed).toMatchObject({ state: 'enabled', lastTest: { ok: true, failure: null } });
  });
});
