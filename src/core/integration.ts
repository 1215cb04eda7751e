export const INTEGRATION_KINDS = ['active_directory', 'openldap', 'domino', 'google_secure_ldap', 'ldap'] as const;
export type IntegrationKind = (typeof INTEGRATION_KINDS)[number];

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
