import { isApiKind, type AttributeMap, type IntegrationKind } from './integration.ts';

/** One entry as an LDAP library returns it: a DN, and values that may be scalars or arrays. */
export type RawEntry = { dn: string } & Record<string, unknown>;

export interface DirectoryUser {
  externalId: string;
  dn: string;
  displayName: string | null;
  primaryEmail: string | null;
  /** Lower-cased, primary first, no duplicates. */
  addresses: string[];
  disabled: boolean;
}

export interface DirectoryGroup {
  externalId: string;
  dn: string;
  name: string;
  members: string[];
}

const ACCOUNTDISABLE = 0x2;

/** Attribute lookup that tolerates servers spelling names differently from the request. */
function get(entry: RawEntry, name: string): unknown[] {
  let value = entry[name];
  if (value === undefined) {
    const lower = name.toLowerCase();
    const key = Object.keys(entry).find((k) => k.toLowerCase() === lower);
    value = key === undefined ? undefined : entry[key];
  }
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

const text = (v: unknown): string => (v instanceof Uint8Array ? new TextDecoder().decode(v) : String(v));

/** AD objectGUID string form: the first three groups are little-endian, the rest as is. */
export function guidToString(bytes: Uint8Array): string {
  const h = [...bytes].map((b) => b.toString(16).padStart(2, '0'));
  return `${h[3]}${h[2]}${h[1]}${h[0]}-${h[5]}${h[4]}-${h[7]}${h[6]}-${h[8]}${h[9]}-${h.slice(10).join('')}`;
}

/** The entry's unique id in its stored form (AD objectGUID as a string); null when it has none. */
export function externalId(entry: RawEntry, attribute: string): string | null {
  const [value] = get(entry, attribute);
  if (value === undefined) return null;
  if (value instanceof Uint8Array && value.length === 16 && attribute.toLowerCase() === 'objectguid') return guidToString(value);
  const id = text(value).trim();
  return id === '' ? null : id;
}

/**
 * Addresses from `mail` and `proxyAddresses`: `SMTP:` (upper case) is the primary, `smtp:`
 * aliases; other prefixes (X500:, SIP:) are not mail addresses. Without an SMTP: value, mail
 * is the primary. All lower-cased.
 */
export function addressesOf(mail: string[], proxyAddresses: string[]): { primary: string | null; all: string[] } {
  let primary: string | null = null;
  const aliases: string[] = [];
  for (const value of proxyAddresses) {
    if (value.startsWith('SMTP:')) primary ??= value.slice(5).trim().toLowerCase();
    else if (value.startsWith('smtp:')) aliases.push(value.slice(5).trim().toLowerCase());
  }
  const mails: string[] = [];
  for (const m of mail) {
    const address = m.trim().toLowerCase();
    if (address !== '') mails.push(address);
  }
  primary ??= mails[0] ?? null;
  // Called for every user of every sync: includes() over a handful of values, not a Set.
  const all: string[] = [];
  const add = (address: string) => {
    if (address.includes('@') && !all.includes(address)) all.push(address);
  };
  if (primary) add(primary);
  for (const address of mails) add(address);
  for (const address of aliases) add(address);
  return { primary: primary && primary.includes('@') ? primary : null, all };
}

export function toDirectoryUser(entry: RawEntry, map: AttributeMap, kind: IntegrationKind): DirectoryUser | null {
  const id = externalId(entry, map.uniqueId);
  if (id === null) return null;
  const { primary, all } = addressesOf(get(entry, map.mail).map(text), get(entry, map.proxyAddresses).map(text));
  const [name] = get(entry, map.displayName);
  const uac = kind === 'active_directory' ? Number(text(get(entry, 'userAccountControl')[0] ?? 0)) : 0;
  return {
    externalId: id,
    dn: entry.dn,
    displayName: name === undefined ? null : text(name),
    primaryEmail: primary,
    addresses: all,
    // The API adapters set `disabled` from accountEnabled (Graph) or suspended (Google).
    disabled: (uac & ACCOUNTDISABLE) !== 0 || (isApiKind(kind) && entry.disabled === true),
  };
}

export function toDirectoryGroup(entry: RawEntry, map: AttributeMap, members: string[]): DirectoryGroup | null {
  const id = externalId(entry, map.uniqueId);
  if (id === null) return null;
  const [cn] = get(entry, 'cn');
  const name = cn === undefined ? (/^[^=]+=((?:\\.|[^,])*)/.exec(entry.dn)?.[1] ?? entry.dn) : text(cn);
  return { externalId: id, dn: entry.dn, name, members };
}

/** Members as returned, ignoring AD's ranged `member;range=…` form (the adapter completes those). */
export function membersOf(entry: RawEntry, map: AttributeMap): string[] {
  return get(entry, map.member).map(text);
}
