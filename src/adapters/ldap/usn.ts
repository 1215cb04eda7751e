import type { Client } from 'ldapts';
import type { DeltaMark } from '../../core/delta.ts';
import { guidToString, type RawEntry } from '../../core/directory-entry.ts';
import { observe } from './observe.ts';

/** LDAP_SERVER_SHOW_DELETED_OID: searches also return tombstones (deleted objects). */
export const SHOW_DELETED = '1.2.840.113556.1.4.417';
/** What Windows assumes when tombstoneLifetime is not set. */
const DEFAULT_TOMBSTONE_DAYS = 180;

const first = (entry: RawEntry | undefined, name: string): unknown => {
  if (!entry) return undefined;
  const key = Object.keys(entry).find((k) => k.toLowerCase() === name.toLowerCase());
  const v = key === undefined ? undefined : entry[key];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * The documented uSNChanged watermark, read before a read starts: the rootDSE's
 * highestCommittedUSN and dsServiceName; that NTDS Settings object's invocationId (a new one
 * after a restore, and USNs of another DC do not compare); the forest's tombstone lifetime.
 */
export async function readUsnMark(client: Client): Promise<Extract<DeltaMark, { method: 'usn' }>> {
  try {
    const { searchEntries: [root] } = await client.search('', {
      scope: 'base', filter: '(objectClass=*)', attributes: ['dsServiceName', 'highestCommittedUSN', 'defaultNamingContext', 'configurationNamingContext'],
    });
    const service = String(first(root, 'dsServiceName') ?? '');
    const usn = Number(first(root, 'highestCommittedUSN'));
    const namingContext = String(first(root, 'defaultNamingContext') ?? '');
    if (!service || !Number.isSafeInteger(usn) || !namingContext) {
      throw new Error('the rootDSE has no dsServiceName, highestCommittedUSN or defaultNamingContext: this server is not an Active Directory DC');
    }
    const { searchEntries: [settings] } = await client.search(service, { scope: 'base', filter: '(objectClass=*)', attributes: ['invocationId'], explicitBufferAttributes: ['invocationId'] });
    const id = first(settings, 'invocationId');
    if (!(id instanceof Uint8Array) || id.length !== 16) throw new Error(`${service} has no invocationId`);
    const config = String(first(root, 'configurationNamingContext') ?? '');
    let tombstoneLifetimeDays = DEFAULT_TOMBSTONE_DAYS;
    if (config) {
      const { searchEntries: [ds] } = await client
        .search(`CN=Directory Service,CN=Windows NT,CN=Services,${config}`, { scope: 'base', filter: '(objectClass=*)', attributes: ['tombstoneLifetime'] })
        .catch(() => ({ searchEntries: [] as RawEntry[] }));
      const days = Number(first(ds as RawEntry | undefined, 'tombstoneLifetime'));
      if (Number.isFinite(days) && days > 0) tombstoneLifetimeDays = days;
    }
    return { method: 'usn', invocationId: guidToString(id), usn, tombstoneLifetimeDays, namingContext };
  } catch (e) {
    throw observe(e);
  }
}
