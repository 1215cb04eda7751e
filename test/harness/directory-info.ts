// What global setup shares with tests (via project.provide / inject). Plain data only:
// it crosses process boundaries. Every fixture DN and password a test needs is in here.

export interface Credentials {
  dn: string;
  password: string;
}

export interface FixtureUser {
  dn: string;
  /** uid on OpenLDAP, sAMAccountName on Samba. */
  name: string;
  displayName: string;
  password: string;
  mail: string | null;
  /** In fixture order, e.g. ['SMTP:a@x', 'smtp:b@x', 'X500:/o=…']; [] when none. */
  proxyAddresses: string[];
  /** Samba only. */
  userPrincipalName?: string;
}

export interface FixtureGroup {
  dn: string;
  name: string;
  /** Direct members (users or groups), as in the fixture. */
  members: string[];
}

export interface SlapdInfo {
  /** ldap://127.0.0.1:PORT (plain; slapd allows simple binds without TLS). */
  url: string;
  port: number;
  baseDn: string;
  /** rootdn: may modify anything. */
  admin: Credentials;
  /** dirsync-svc: reads the whole tree (not userPassword). */
  service: Credentials;
  /** dirsync-noread: binds fine, reads nothing under baseDn. */
  noRead: Credentials;
  ous: { people: string; docsKb: string; groups: string; services: string };
  /** Every inetOrgPerson in the seed (People and Docs/KB). */
  users: FixtureUser[];
  groups: FixtureGroup[];
}

export interface SambaAccount extends Credentials {
  samAccountName: string;
  userPrincipalName: string;
}

export type SambaFailureKind = 'disabled' | 'expired' | 'lockedOut' | 'mustChangePassword';

export interface SambaFailureAccount extends SambaAccount {
  /** AD bind sub-code in the diagnostic (`data 533,`), when binding with the right password. */
  dataCode: string;
}

export interface SambaInfo {
  /** ldap://127.0.0.1:389: simple binds answer 8 strongerAuthRequired (transport encryption required). */
  url: string;
  /** ldaps://localhost:636: verifies with caPem (certificate SAN is DNS:localhost only). */
  ldapsUrl: string;
  /** ldaps://127.0.0.1:636: same server, fails the host-name check (ERR_TLS_CERT_ALTNAME_INVALID). */
  ldapsIpUrl: string;
  /** The test CA that signed the server certificate; pass as tlsOptions.ca. */
  caPem: string;
  realm: string;
  /** NetBIOS domain name. */
  domain: string;
  baseDn: string;
  admin: SambaAccount;
  service: SambaAccount;
  ous: { people: string; docsKb: string; groups: string; serviceAccounts: string; noExchange: string };
  /** Users in People and Docs/KB (not the service / failure accounts, nor built-ins). */
  users: FixtureUser[];
  groups: FixtureGroup[];
  failures: Record<SambaFailureKind, SambaFailureAccount>;
}

export interface DirectoryInfo {
  /** null: not started (binary missing, start failed outside CI, or DIRSYNC_TEST_DIRECTORIES). */
  slapd: SlapdInfo | null;
  samba: SambaInfo | null;
  /** Why a directory is null, for skip messages. */
  unavailable: { slapd?: string; samba?: string };
}

declare module 'vitest' {
  export interface ProvidedContext {
    directories: DirectoryInfo;
  }
}
