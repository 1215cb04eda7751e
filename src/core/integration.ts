export const LDAP_KINDS = ['active_directory', 'openldap', 'domino', 'google_secure_ldap', 'ldap'] as const;
/** Cloud directories read through their HTTP APIs, not LDAP (README: Entra ID and Google Workspace). */
export const API_KINDS = ['entra_id', 'google_workspace'] as const;
export const INTEGRATION_KINDS = [...LDAP_KINDS, ...API_KINDS] as const;
export type IntegrationKind = (typeof INTEGRATION_KINDS)[number];
export type ApiKind = (typeof API_KINDS)[number];

export const isApiKind = (kind: IntegrationKind): kind is ApiKind => (API_KINDS as readonly string[]).includes(kind);

/** Microsoft's public cloud; national clouds (and tests) name their own. */
export const ENTRA_DEFAULTS = { graphUrl: 'https://graph.microsoft.com', loginUrl: 'https://login.microsoftonline.com' } as const;
export const GOOGLE_DEFAULTS = { googleApiUrl: 'https://admin.googleapis.com', googleTokenUrl: 'https://oauth2.googleapis.com/token' } as const;

/**
 * Settings of an API kind, stored as JSON next to the LDAP columns. The one secret (client
 * secret, certificate key or service-account key) is sealed in bind_password_sealed, like a
 * bind password; the client certificate of Entra ID sits in client_cert_pem.
 */
export type ApiSettings =
  | { kind: 'entra_id'; tenantId: string; clientId: string; credential: 'client_secret' | 'certificate'; graphUrl: string; loginUrl: string }
  | { kind: 'google_workspace'; customerId: string; adminEmail: string; clientEmail: string; privateKeyId: string; googleApiUrl: string; googleTokenUrl: string };

/** `none` sends the bind password in clear: allowed, but every test result warns about it. */
export const TLS_MODES = ['ldaps', 'starttls', 'none'] as const;
export type TlsMode = (typeof TLS_MODES)[number];

export const INTEGRATION_STATES = ['enabled', 'disabled', 'error'] as const;
export type IntegrationState = (typeof INTEGRATION_STATES)[number];

export const DEFAULT_SCHEDULE = '0 8,13,23 * * *';
export const DEFAULT_TIMEOUTS = { connectTimeoutMs: 5_000, operationTimeoutMs: 15_000 } as const;

/** Which directory attribute feeds which dirsync field. */
export interface AttributeMap {
  uniqueId: string;
  mail: string;
  proxyAddresses: string;
  displayName: string;
  member: string;
}
export const ATTRIBUTE_KEYS = ['uniqueId', 'mail', 'proxyAddresses', 'displayName', 'member'] as const satisfies readonly (keyof AttributeMap)[];

/**
 * A directory without a proxy-address attribute (an AD without Exchange, most OpenLDAPs) says so
 * by mapping proxyAddresses to the empty string: dirsync then neither reads it nor warns about it.
 */
export const isMapped = (attribute: string) => attribute.trim() !== '';

/** jsonb does not keep key order; faces list the mapping in its documented order. */
export function orderedAttributes(a: AttributeMap): AttributeMap {
  return { uniqueId: a.uniqueId, mail: a.mail, proxyAddresses: a.proxyAddresses, displayName: a.displayName, member: a.member };
}

interface KindDefaults {
  userFilter: string;
  groupFilter: string;
  attributes: AttributeMap;
}

const RFC_DEFAULTS: KindDefaults = {
  userFilter: '(objectClass=inetOrgPerson)',
  groupFilter: '(|(objectClass=groupOfNames)(objectClass=groupOfUniqueNames))',
  attributes: { uniqueId: 'entryUUID', mail: 'mail', proxyAddresses: 'proxyAddresses', displayName: 'displayName', member: 'member' },
};

/** Sensible starting points per directory kind; every value can be overridden per integration. */
export const KIND_DEFAULTS: Record<IntegrationKind, KindDefaults> = {
  active_directory: {
    userFilter: '(&(objectCategory=person)(objectClass=user))',
    groupFilter: '(objectClass=group)',
    attributes: { uniqueId: 'objectGUID', mail: 'mail', proxyAddresses: 'proxyAddresses', displayName: 'displayName', member: 'member' },
  },
  openldap: RFC_DEFAULTS,
  ldap: RFC_DEFAULTS,
  google_secure_ldap: RFC_DEFAULTS,
  // The API adapters hand out entries under these names (adapters/graph, adapters/google).
  entra_id: { userFilter: '', groupFilter: '', attributes: { uniqueId: 'id', mail: 'mail', proxyAddresses: 'proxyAddresses', displayName: 'displayName', member: 'members' } },
  google_workspace: { userFilter: '', groupFilter: '', attributes: { uniqueId: 'id', mail: 'primaryEmail', proxyAddresses: 'proxyAddresses', displayName: 'displayName', member: 'members' } },
  domino: {
    userFilter: '(objectClass=dominoPerson)',
    groupFilter: '(objectClass=dominoGroup)',
    attributes: { ...RFC_DEFAULTS.attributes, uniqueId: 'dominoUNID' },
  },
};

/** An integration as stored. Secrets stay sealed; only commands that need them open them. */
export interface Integration {
  id: string;
  accountId: string;
  name: string;
  kind: IntegrationKind;
  urls: string[];
  tlsMode: TlsMode;
  caPem: string | null;
  clientCertPem: string | null;
  clientKeySealed: string | null;
  bindDn: string;
  bindPasswordSealed: string;
  baseDns: string[];
  userFilter: string;
  groupFilter: string;
  attributes: AttributeMap;
  schedule: string;
  /** Cron of delta reads, or 'off' (core/delta.ts). */
  deltaSchedule: string;
  /** Bounded waits: a dead host must not hang a test or a sync. */
  connectTimeoutMs: number;
  operationTimeoutMs: number;
  /** Treat accounts the directory marks disabled (AD userAccountControl) as gone. */
  acknowledgeDisabled: boolean;
  /** API kinds only (null for LDAP); their `urls` hold the API's URL and `baseDns` is empty. */
  api?: ApiSettings | null;
  state: IntegrationState;
  stateChangedAt: Date;
  stateReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
}

/** Fields that can be written; ids, state and timestamps are managed by commands. */
export type IntegrationFields = Omit<Integration, 'id' | 'accountId' | 'state' | 'stateChangedAt' | 'stateReason' | 'createdAt' | 'updatedAt' | 'deletedAt'>;

export function defaultTlsMode(url: string): TlsMode {
  return url.toLowerCase().startsWith('ldaps://') ? 'ldaps' : 'starttls';
}

/** Binds a sealed secret to its integration and field, so ciphertexts cannot be swapped between rows. */
export function secretContext(integrationId: string, field: 'bindPassword' | 'clientKey'): string {
  return `integration:${integrationId}:${field}`;
}
