// The Samba AD fixture: fixed domain facts and SambaInfo derived from the seed LDIF, so that
// tests never repeat a DN, a user principal name or a password.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FixtureGroup, FixtureUser, SambaAccount, SambaFailureKind, SambaInfo } from './directory-info.ts';
import { first, hasObjectClass, isUnder, parseLdif, values } from './ldif.ts';
import type { LdifEntry } from './ldif.ts';

export const SAMBA_FIXTURE = {
  realm: 'EXAMPLE.TEST',
  domain: 'EXAMPLE',
  /** Fixed, so the provisioned template does not depend on the machine's host name. */
  hostName: 'dc1',
  baseDn: 'DC=example,DC=test',
  adminPassword: 'Adm1n!Passw0rd-Test',
  seedLdif: fileURLToPath(new URL('../fixtures/samba/seed.ldif', import.meta.url)),
  serviceAccount: 'dirsync-svc',
  // sAMAccountName → the AD bind sub-code its state produces (see the seed LDIF comments).
  failures: {
    disabled: { sam: 'fail-disabled', dataCode: '533' },
    expired: { sam: 'fail-expired', dataCode: '701' },
    lockedOut: { sam: 'fail-locked', dataCode: '775' },
    mustChangePassword: { sam: 'fail-mustchange', dataCode: '773' },
  } satisfies Record<SambaFailureKind, { sam: string; dataCode: string }>,
  // Samba's LDAP server only listens on the standard ports.
  url: 'ldap://127.0.0.1:389',
  ldapsUrl: 'ldaps://localhost:636',
  ldapsIpUrl: 'ldaps://127.0.0.1:636',
} as const;

const base = SAMBA_FIXTURE.baseDn;
const OUS = {
  people: `OU=People,${base}`,
  docsKb: `OU=Docs/KB,${base}`,
  groups: `OU=Groups,${base}`,
  serviceAccounts: `OU=Service Accounts,${base}`,
  /** Users with mail and no proxyAddresses (an AD without Exchange); not in SambaInfo.users. */
  noExchange: `OU=No Exchange,${base}`,
};

export function sambaSeedEntries(): LdifEntry[] {
  return parseLdif(readFileSync(SAMBA_FIXTURE.seedLdif, 'utf8'));
}

function accountOf(entries: LdifEntry[], sam: string): SambaAccount {
  const entry = entries.find((e) => first(e, 'sAMAccountName') === sam);
  const password = entry && first(entry, 'userPassword');
  if (!entry || !password) throw new Error(`Samba fixture has no account ${sam} with a userPassword`);
  return { dn: entry.dn, samAccountName: sam, userPrincipalName: first(entry, 'userPrincipalName') ?? '', password };
}

function userOf(entry: LdifEntry): FixtureUser {
  return {
    dn: entry.dn,
    name: first(entry, 'sAMAccountName') ?? '',
    displayName: first(entry, 'displayName') ?? '',
    password: first(entry, 'userPassword') ?? '',
    mail: first(entry, 'mail') ?? null,
    proxyAddresses: values(entry, 'proxyAddresses'),
    userPrincipalName: first(entry, 'userPrincipalName') ?? '',
  };
}

export function sambaFixtureInfo(caPem: string): SambaInfo {
  const entries = sambaSeedEntries();
  const isUser = (e: LdifEntry) => hasObjectClass(e, 'user');
  const users = entries.filter((e) => isUser(e) && (isUnder(e.dn, OUS.people) || isUnder(e.dn, OUS.docsKb)));
  const groups: FixtureGroup[] = entries
    .filter((e) => hasObjectClass(e, 'group'))
    .map((e) => ({ dn: e.dn, name: first(e, 'sAMAccountName') ?? '', members: values(e, 'member') }));
  const failure = (kind: SambaFailureKind) => ({
    ...accountOf(entries, SAMBA_FIXTURE.failures[kind].sam),
    dataCode: SAMBA_FIXTURE.failures[kind].dataCode,
  });
  return {
    url: SAMBA_FIXTURE.url,
    ldapsUrl: SAMBA_FIXTURE.ldapsUrl,
    ldapsIpUrl: SAMBA_FIXTURE.ldapsIpUrl,
    caPem,
    realm: SAMBA_FIXTURE.realm,
    domain: SAMBA_FIXTURE.domain,
    baseDn: base,
    admin: {
      dn: `CN=Administrator,CN=Users,${base}`,
      samAccountName: 'Administrator',
      // AD accepts user@realm (the implicit UPN) even though Administrator has no explicit one.
      userPrincipalName: `Administrator@${SAMBA_FIXTURE.realm.toLowerCase()}`,
      password: SAMBA_FIXTURE.adminPassword,
    },
    service: accountOf(entries, SAMBA_FIXTURE.serviceAccount),
    ous: OUS,
    users: users.map(userOf),
    groups,
    failures: {
      disabled: failure('disabled'),
      expired: failure('expired'),
      lockedOut: failure('lockedOut'),
      mustChangePassword: failure('mustChangePassword'),
    },
  };
}
