// Proves the test directories hold what DirectoryInfo says they hold, so that later failures
// point at the application, not at the harness.
import { X509Certificate } from 'node:crypto';
import { Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCa, daysFromNow, issueServerCert } from '../harness/certs.ts';
import type { TestCa } from '../harness/certs.ts';
import { describeSamba, describeSlapd, directories, sambaInfo, slapdInfo } from '../harness/directories.ts';
import type { FixtureUser, SambaFailureKind } from '../harness/directories.ts';
import { bindOutcome } from '../harness/samba-seed.ts';
import { startSlapd } from '../harness/slapd.ts';
import type { SlapdInstance } from '../harness/slapd.ts';

/** ldapts gives one value as a scalar and several as an array. */
const asArray = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

const byDn = (users: FixtureUser[]) => new Map(users.map((u) => [u.dn.toLowerCase(), u]));

async function withClient<T>(url: string, ca: string | undefined, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ url, connectTimeout: 3_000, timeout: 10_000, ...(ca ? { tlsOptions: { ca } } : {}) });
  try {
    return await fn(client);
  } finally {
    await client.unbind().catch(() => {});
  }
}

describe('directories info', () => {
  it('explains every directory that is not running', () => {
    const info = directories();
    if (!info.slapd) expect(info.unavailable.slapd).toBeTruthy();
    if (!info.samba) expect(info.unavailable.samba).toBeTruthy();
  });
});

describeSlapd('OpenLDAP fixture', () => {
  it('lets the service account read every fixture user with mail and proxyAddresses', async () => {
    const info = slapdInfo();
    const { searchEntries } = await withClient(info.url, undefined, async (c) => {
      await c.bind(info.service.dn, info.service.password);
      return c.search(info.baseDn, { filter: '(objectClass=inetOrgPerson)', attributes: ['cn', 'mail', 'proxyAddresses', 'entryUUID'] });
    });
    expect(info.users).toHaveLength(16);
    expect(searchEntries).toHaveLength(info.users.length);
    const fixture = byDn(info.users);
    for (const entry of searchEntries) {
      const user = fixture.get(entry.dn.toLowerCase());
      expect(user, entry.dn).toBeDefined();
      expect(asArray(entry.proxyAddresses)).toEqual(user?.proxyAddresses);
      expect(asArray(entry.mail)).toEqual(user?.mail ? [user.mail] : []);
      expect(String(entry.entryUUID)).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(info.users.filter((u) => u.mail && u.proxyAddresses.length > 0)).toHaveLength(14);
    expect(searchEntries.map((e) => e.cn)).toContain('José Müller');
  });

  it('has the Docs/KB OU, with its raw slash, holding two users', async () => {
    const info = slapdInfo();
    const entries = await withClient(info.url, undefined, async (c) => {
      await c.bind(info.service.dn, info.service.password);
      return (await c.search(info.ous.docsKb, { scope: 'sub', filter: '(objectClass=*)', attributes: ['ou'] })).searchEntries;
    });
    expect(entries[0]).toMatchObject({ dn: 'ou=Docs/KB,dc=example,dc=org', ou: 'Docs/KB' });
    expect(entries).toHaveLength(3);
  });

  it('nests groups and lists members across OUs', async () => {
    const info = slapdInfo();
    const groups = await withClient(info.url, undefined, async (c) => {
      await c.bind(info.service.dn, info.service.password);
      return (await c.search(info.ous.groups, { scope: 'one', filter: '(objectClass=groupOfNames)', attributes: ['member'] })).searchEntries;
    });
    expect(groups).toHaveLength(info.groups.length);
    for (const g of info.groups) expect(asArray(groups.find((e) => e.dn === g.dn)?.member)).toEqual(g.members);
    expect(info.groups.find((g) => g.name === 'all-staff')?.members).toContain(`cn=engineering,${info.ous.groups}`);
  });

  it('lets dirsync-noread bind but read nothing, and rejects a wrong password', async () => {
    const info = slapdInfo();
    await withClient(info.url, undefined, async (c) => {
      await c.bind(info.noRead.dn, info.noRead.password);
      await expect(c.search(info.baseDn, { filter: '(objectClass=*)' })).rejects.toMatchObject({ code: 32 });
    });
    await expect(withClient(info.url, undefined, (c) => c.bind(info.service.dn, 'wrong'))).rejects.toMatchObject({ code: 49 });
  });
});

describeSlapd('startSlapd with TLS', () => {
  let ca: TestCa;
  const instances: SlapdInstance[] = [];
  beforeAll(async () => {
    ca = await createTestCa();
  });
  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
  });

  it('serves ldaps:// with a certificate from the test CA', async () => {
    const cert = await issueServerCert(ca, { dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] });
    const slapd = await startSlapd({ tls: cert });
    instances.push(slapd);
    const info = slapdInfo();
    const count = await withClient(slapd.ldapsUrl ?? '', ca.certPem, async (c) => {
      await c.bind(info.service.dn, info.service.password);
      return (await c.search(info.baseDn, { filter: '(objectClass=inetOrgPerson)', attributes: ['dn'] })).searchEntries.length;
    });
    expect(count).toBe(info.users.length);
    await expect(withClient(slapd.ldapsUrl ?? '', undefined, (c) => c.bind(info.service.dn, info.service.password)))
      .rejects.toMatchObject({ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
    await slapd.kill();
    await expect(withClient(slapd.url, undefined, (c) => c.bind(info.service.dn, info.service.password)))
      .rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('issues expired and expiring-soon certificates', async () => {
    const expired = await issueServerCert(ca, { ipAddresses: ['127.0.0.1'], notBefore: daysFromNow(-30), notAfter: daysFromNow(-1) });
    const slapd = await startSlapd({ tls: expired, seedLdif: [] });
    instances.push(slapd);
    await expect(withClient(slapd.ldapsUrl ?? '', ca.certPem, (c) => c.bind('', '')))
      .rejects.toMatchObject({ code: 'CERT_HAS_EXPIRED' });
    const soon = await issueServerCert(ca, { notAfter: daysFromNow(10) });
    const daysLeft = (new Date(new X509Certificate(soon.certPem).validTo).getTime() - Date.now()) / 86_400_000;
    expect(daysLeft).toBeGreaterThan(9.9);
    expect(daysLeft).toBeLessThanOrEqual(10);
  });
});

describeSamba('Samba AD DC fixture', () => {
  it('lets the service account read fixture users over ldaps://localhost with the test CA', async () => {
    const info = sambaInfo();
    const entries = await withClient(info.ldapsUrl, info.caPem, async (c) => {
      await c.bind(info.service.userPrincipalName, info.service.password);
      const search = (base: string) => c.search(base, {
        filter: '(&(objectCategory=person)(objectClass=user))',
        attributes: ['mail', 'proxyAddresses', 'objectGUID', 'displayName'],
        explicitBufferAttributes: ['objectGUID'],
      });
      return [...(await search(info.ous.people)).searchEntries, ...(await search(info.ous.docsKb)).searchEntries];
    });
    expect(info.users).toHaveLength(12);
    expect(entries).toHaveLength(info.users.length);
    const fixture = byDn(info.users);
    for (const entry of entries) {
      const user = fixture.get(entry.dn.toLowerCase());
      expect(user, entry.dn).toBeDefined();
      expect(asArray(entry.proxyAddresses)).toEqual(user?.proxyAddresses);
      expect(asArray(entry.mail)).toEqual(user?.mail ? [user.mail] : []);
      expect(Buffer.isBuffer(entry.objectGUID) && entry.objectGUID.length).toBe(16);
    }
    expect(entries.map((e) => e.displayName)).toContain('José Müller');
  });

  it('has the Docs/KB OU and the fixture groups', async () => {
    const info = sambaInfo();
    const [ou, groups] = await withClient(info.ldapsUrl, info.caPem, async (c) => {
      await c.bind(info.service.dn, info.service.password);
      return [
        (await c.search(info.ous.docsKb, { scope: 'base', attributes: ['ou'] })).searchEntries,
        (await c.search(info.ous.groups, { scope: 'one', filter: '(objectClass=group)', attributes: ['member'] })).searchEntries,
      ] as const;
    });
    expect(ou[0]?.ou).toBe('Docs/KB');
    expect(groups).toHaveLength(info.groups.length);
    for (const g of info.groups) expect(asArray(groups.find((e) => e.dn === g.dn)?.member).sort()).toEqual([...g.members].sort());
  });

  it.each(['disabled', 'expired', 'lockedOut', 'mustChangePassword'] satisfies SambaFailureKind[])(
    'gives the AD sub-code for the %s account', async (kind) => {
      const info = sambaInfo();
      const account = info.failures[kind];
      expect(await bindOutcome(info, account.dn, account.password)).toBe(account.dataCode);
    });

  it('answers 52e to a wrong password, also via the user principal name', async () => {
    const info = sambaInfo();
    expect(await bindOutcome(info, info.service.userPrincipalName, 'Not-The-Password-9')).toBe('52e');
    expect(await bindOutcome(info, info.service.dn, info.service.password)).toBe('ok');
  });

  it('refuses a simple bind on plain ldap:// and fails the host-name check on ldaps://127.0.0.1', async () => {
    const info = sambaInfo();
    await expect(withClient(info.url, undefined, (c) => c.bind(info.service.dn, info.service.password)))
      .rejects.toMatchObject({ code: 8 });
    await expect(withClient(info.ldapsIpUrl, info.caPem, (c) => c.bind(info.service.dn, info.service.password)))
      .rejects.toMatchObject({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
  });
});
