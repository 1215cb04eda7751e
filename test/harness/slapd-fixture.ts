// The OpenLDAP fixture: where its files are, its fixed credentials, and SlapdInfo derived from
// the seed LDIF so that tests never repeat a DN or a password.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Credentials, FixtureGroup, FixtureUser, SlapdInfo } from './directory-info.ts';
import { first, hasObjectClass, parseLdif, values } from './ldif.ts';
import type { LdifEntry } from './ldif.ts';

const dir = fileURLToPath(new URL('../fixtures/openldap/', import.meta.url));

export const OPENLDAP_FIXTURE = {
  suffix: 'dc=example,dc=org',
  /** rootdn; its password lives only in the generated slapd.conf (rootpw). */
  admin: { dn: 'cn=admin,dc=example,dc=org', password: 'Admin-Root-Pass-1' } satisfies Credentials,
  schemaFiles: [
    '/etc/ldap/schema/core.schema',
    '/etc/ldap/schema/cosine.schema',
    '/etc/ldap/schema/inetorgperson.schema',
    `${dir}dirsync.schema`,
  ],
  seedLdif: [`${dir}seed.ldif`],
  aclFile: `${dir}acl.conf`,
} as const;

const ou = (name: string): string => `ou=${name},${OPENLDAP_FIXTURE.suffix}`;
const OUS = { people: ou('People'), docsKb: ou('Docs/KB'), groups: ou('Groups'), services: ou('Services') };

function credentialsOf(entries: LdifEntry[], dn: string): Credentials {
  const entry = entries.find((e) => e.dn.toLowerCase() === dn.toLowerCase());
  const password = entry && first(entry, 'userPassword');
  if (!password) throw new Error(`fixture has no entry with a userPassword at ${dn}`);
  return { dn: entry.dn, password };
}

function userOf(entry: LdifEntry): FixtureUser {
  return {
    dn: entry.dn,
    name: first(entry, 'uid') ?? '',
    displayName: first(entry, 'displayName') ?? first(entry, 'cn') ?? '',
    password: first(entry, 'userPassword') ?? '',
    mail: first(entry, 'mail') ?? null,
    proxyAddresses: values(entry, 'proxyAddresses'),
  };
}

/** SlapdInfo for an instance started with the default fixture. */
export function slapdFixtureInfo(url: string, port: number, seedLdif: readonly string[] = OPENLDAP_FIXTURE.seedLdif): SlapdInfo {
  const entries = seedLdif.flatMap((file) => parseLdif(readFileSync(file, 'utf8')));
  const users = entries.filter((e) => hasObjectClass(e, 'inetOrgPerson')).map(userOf);
  const groups: FixtureGroup[] = entries
    .filter((e) => hasObjectClass(e, 'groupOfNames'))
    .map((e) => ({ dn: e.dn, name: first(e, 'cn') ?? '', members: values(e, 'member') }));
  return {
    url,
    port,
    baseDn: OPENLDAP_FIXTURE.suffix,
    admin: { ...OPENLDAP_FIXTURE.admin },
    service: credentialsOf(entries, `cn=dirsync-svc,${OUS.services}`),
    noRead: credentialsOf(entries, `cn=dirsync-noread,${OUS.services}`),
    ous: OUS,
    users,
    groups,
  };
}
