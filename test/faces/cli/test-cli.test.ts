import { beforeAll, describe, expect, it } from 'vitest';
import { slapdInfo, describeSlapd } from '../../harness/directories.ts';
import { cliAgainst } from '../../support/cli.ts';
import { backends } from '../../support/databases.ts';
import { closedPort } from '../../support/fault-listeners.ts';
import { useDatabase } from '../../support/suite.ts';

describe('dirsync test (CLI face)', () => {
  const db = useDatabase(backends[0]!);
  let cli: Awaited<ReturnType<typeof cliAgainst>>;
  beforeAll(async () => {
    cli = await cliAgainst(db.store);
  });
  const add = (name: string, url: string, bindDn = 'cn=svc,dc=example,dc=org', password = 'pw-123') =>
    cli.run(['integrations', 'add', name, '--kind', 'openldap', '--url', url, '--tls', 'none', '--bind-dn', bindDn, '--base-dn', 'dc=example,dc=org', '--password-env', 'P'], { env: { P: password } });

  it('exits 1 on a failed stage and prints the stages, the verdict, the diagnostic and a numbered checklist', async () => {
    await add('down', `ldap://127.0.0.1:${await closedPort()}`);
    const result = await cli.run(['test', 'down']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^ {2}✔ dns +\d+ ms {2}127\.0\.0\.1 is an IP address\n {2}✘ tcp /);
    expect(result.stdout).toMatch(/· encoding +skipped: tcp failed\n/);
    expect(result.stdout).toContain('down: FAILED at tcp — connection / connection_refused\n');
    expect(result.stdout).toMatch(/Diagnostic: ECONNREFUSED: connect ECONNREFUSED 127\.0\.0\.1:\d+\n/);
    expect(result.stdout).toMatch(/What to check:\n {2}1\. Any infrastructure or firewall changes\?\n {2}2\. /);
  });

  it('exits 2 for an unknown integration, and for a bad --sample', async () => {
    expect((await cli.run(['test', 'nope'])).code).toBe(2);
    const bad = await cli.run(['test', 'down', '--sample', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--sample: /);
  });

  describeSlapd('on a terminal', () => {
    it('streams each stage as it finishes, then the verdict; exit 0 on a pass with warnings', async () => {
      const info = slapdInfo();
      await add('lab', info.url, info.service.dn, info.service.password);
      const result = await cli.run(['test', 'lab'], { tty: true });
      expect(result.code).toBe(0);
      expect(result.stdout.match(/^ {2}[✔⚠✘·] /gm)).toHaveLength(8);
      expect(result.stdout).toMatch(/\nlab: OK with \d warnings? \(⚠ above\)\n$/);
    });
  });
});
