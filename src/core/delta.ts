import type { Integration } from './integration.ts';

/**
 * Read modes (README "How deltas work and when they fall back"): a full read of every object,
 * or a delta that reads what changed since the last good read's watermark and takes the rest
 * from what Postgres holds. The rules for when a delta may run live here; the adapters only
 * report the directory's current watermark.
 */
export const READ_MODES = ['full', 'delta'] as const;
export type ReadMode = (typeof READ_MODES)[number];

/** usn: Active Directory's uSNChanged; timestamp: modifyTimestamp plus an id-only read for deletions; graph: Microsoft Graph's delta links (Entra ID). */
export type DeltaMethod = 'usn' | 'timestamp' | 'graph';

export const DEFAULT_DELTA_SCHEDULE = '*/30 * * * *';
/** The delta schedule that schedules none. */
export const DELTA_OFF = 'off';

/** A point in a directory's change history, taken before a read starts. */
export type DeltaMark =
  | {
      method: 'usn';
      /** The DC's invocationId: USNs only compare on the same database of the same DC. */
      invocationId: string;
      /** highestCommittedUSN when the read started: the next delta asks for uSNChanged above it. */
      usn: number;
      tombstoneLifetimeDays: number;
      /** defaultNamingContext: where objects moved out of the base DNs are looked for. */
      namingContext: string;
    }
  | {
      method: 'timestamp';
      /** When the read started (ISO), by dirsync's clock: a delta reads from it minus the skew margin. */
      at: string;
    }
  | {
      method: 'graph';
      /** Delta links are only valid for the tenant and the Graph endpoint that issued them. */
      tenantId: string;
      graphUrl: string;
      /** The @odata.deltaLink of /users/delta and of /groups/delta: a delta follows them. */
      users: string;
      groups: string;
    };

export interface StoredWatermark {
  mark: DeltaMark;
  fingerprint: string;
  takenAt: Date;
  lastFullAt: Date | null;
}

/** A delta re-reads what changed in this much time before the watermark: server and dirsync clocks may differ. */
export const TIMESTAMP_SKEW_MS = 5 * 60_000;

/**
 * The settings a read depends on. A watermark taken under other filters, base DNs, attribute
 * map or disabled-account rule says nothing about objects those settings now include.
 */
export function readFingerprint(i: Pick<Integration, 'kind' | 'baseDns' | 'userFilter' | 'groupFilter' | 'attributes' | 'acknowledgeDisabled'>): string {
  const a = i.attributes;
  return JSON.stringify([i.kind, [...i.baseDns].map((d) => d.toLowerCase()).sort(), i.userFilter, i.groupFilter, [a.uniqueId, a.mail, a.proxyAddresses, a.displayName, a.member], i.acknowledgeDisabled]);
}

export interface ReadModeDecision {
  mode: ReadMode;
  /** Why a full read runs although a delta was asked for (or would have been the default); null otherwise. */
  fallbackReason: string | null;
}

/**
 * Which read runs. `requested` null: delta when a valid watermark exists, else full (a first
 * sync needs no reason). `current` is the directory's watermark now, null when its kind offers
 * no delta.
 */
export function decideReadMode(input: { requested: ReadMode | null; stored: StoredWatermark | null; current: DeltaMark | null; fingerprint: string; now: Date }): ReadModeDecision {
  const { requested, stored, current } = input;
  if (requested === 'full') return { mode: 'full', fallbackReason: null };
  const full = (reason: string) => ({ mode: 'full' as const, fallbackReason: reason });
  if (!current) return requested === 'delta' ? full('this kind of directory offers no delta read') : { mode: 'full', fallbackReason: null };
  if (!stored) return requested === 'delta' ? full('there is no watermark yet: the first read of an integration is a full read') : { mode: 'full', fallbackReason: null };
  if (stored.fingerprint !== input.fingerprint) return full('the filters, base DNs, attribute map or disabled-account rule changed since the watermark');
  const was = stored.mark;
  if (was.method !== current.method) return full(`the watermark was taken with the ${was.method} method, the directory now offers ${current.method}`);
  if (was.method === 'usn' && current.method === 'usn') {
    if (was.invocationId !== current.invocationId) return full(`the domain controller's invocationId (${current.invocationId}) differs from the watermark's (${was.invocationId}): a restored DC, or another server answered`);
    if (current.usn < was.usn) return full(`the domain controller's highestCommittedUSN (${current.usn}) is below the watermark (${was.usn})`);
    const ageDays = (input.now.getTime() - stored.takenAt.getTime()) / 86_400_000;
    if (ageDays >= current.tombstoneLifetimeDays) return full(`the watermark is ${Math.floor(ageDays)} days old, at least the tombstone lifetime (${current.tombstoneLifetimeDays} days): deletions since then may be gone`);
  }
  if (was.method === 'graph' && current.method === 'graph' && (was.tenantId !== current.tenantId || was.graphUrl !== current.graphUrl)) {
    return full(`the delta links were issued for tenant ${was.tenantId} at ${was.graphUrl}, the integration now reads tenant ${current.tenantId} at ${current.graphUrl}`);
  }
  return { mode: 'delta', fallbackReason: null };
}

/** LDAP GeneralizedTime (UTC, whole seconds), as modifyTimestamp filters take it. */
export function generalizedTime(at: Date): string {
  return at.toISOString().replace(/[-:T]/g, '').replace(/\.\d+Z$/, 'Z');
}

/** The filter that narrows a read to what changed since `since`. */
export function changedSince(since: DeltaMark): string {
  if (since.method === 'graph') throw new Error('a Graph delta follows its delta links, not a filter');
  if (since.method === 'usn') return `(uSNChanged>=${since.usn + 1})`;
  return `(modifyTimestamp>=${generalizedTime(new Date(new Date(since.at).getTime() - TIMESTAMP_SKEW_MS))})`;
}

/** RFC 4515 value escaping, for DNs in a filter. */
export function escapeFilterValue(value: string): string {
  return value.replace(/[\\*()\0]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
