import type { Observation } from './classify.ts';
import type { DeltaMark } from './delta.ts';
import type { RawEntry } from './directory-entry.ts';
import type { ApiSettings, AttributeMap, TlsMode } from './integration.ts';
import type { CertificateInfo } from './ports.ts';

/** Everything needed to reach and read one directory server; secrets already opened. */
export interface ProbeSettings {
  url: string;
  tlsMode: TlsMode;
  caPem: string | null;
  clientCertPem: string | null;
  clientKeyPem: string | null;
  bindDn: string;
  bindPassword: string;
  userFilter: string;
  groupFilter: string;
  attributes: AttributeMap;
  connectTimeoutMs: number;
  operationTimeoutMs: number;
  /** API kinds: their settings and the opened secret (client secret, certificate key or service-account key). */
  api?: ApiSettings & { secret: string };
}

/** One sampled entry: attribute names lower-cased, values as raw bytes (UTF-8 is checked, not assumed). */
export interface SampleEntry {
  dn: string;
  attributes: Record<string, Uint8Array[]>;
}

export interface TlsOutcome {
  protocol: string;
  certificate: CertificateInfo;
}

/** What a probe reports when a step fails: the raw facts, and the certificate if one was seen. */
export class ProbeFailure extends Error {
  readonly observation: Omit<Observation, 'stage' | 'elapsedMs' | 'timeoutMs'>;
  readonly certificate: CertificateInfo | null;

  constructor(observation: ProbeFailure['observation'], certificate: CertificateInfo | null = null) {
    super(observation.message ?? observation.diagnostic ?? 'probe failed');
    this.name = 'ProbeFailure';
    this.observation = observation;
    this.certificate = certificate;
  }
}

/**
 * One connection to one directory server, driven stage by stage. Each method throws
 * ProbeFailure; it performs at most one bind in its life (failed binds lock accounts out).
 */
export interface ConnectionProbe {
  readonly host: string;
  readonly port: number;
  /** Addresses of the host; an IP literal resolves to itself. */
  resolve(): Promise<string[]>;
  /** Connects to the first address that accepts; returns it. */
  connect(addresses: string[]): Promise<string>;
  /** The TLS handshake (LDAPS or StartTLS); null for plain LDAP. */
  secure(): Promise<TlsOutcome | null>;
  /** LDAP: the bind. API kinds: the access token (the `token` stage); `bind()` describes what it got. */
  bind(): Promise<void | string>;
  checkBase(dn: string): Promise<void>;
  sampleUsers(baseDns: string[], limit: number, pageSize: number): Promise<{ entries: SampleEntry[]; pages: number; complete: boolean }>;
  countGroups(baseDns: string[], limit: number): Promise<{ count: number; complete: boolean }>;
  /** Every user under the base DNs, page by page (after bind); `narrow` is ANDed with the user filter. */
  readUsers(baseDns: string[], pageSize: number, narrow?: string): AsyncIterable<RawEntry[]>;
  /** Every group, page by page, with complete member lists (AD ranged `member` values fetched). */
  readGroups(baseDns: string[], pageSize: number, narrow?: string): AsyncIterable<RawEntry[]>;
  close(): Promise<void>;
}

/** What an LDAP delta reads besides users and groups; API kinds have no such reads (they read in full or follow their own delta links). */
export interface DeltaReads {
  /** The unique-id attribute alone of every user or group the filters select under the base DNs. */
  readIds(baseDns: string[], which: 'users' | 'groups', pageSize: number): AsyncIterable<RawEntry[]>;
  /** The unique-id attribute alone of entries under `base` matching `filter`; tombstones too with `showDeleted` (AD control 1.2.840.113556.1.4.417). */
  readIdsUnder(base: string, filter: string, pageSize: number, showDeleted: boolean): AsyncIterable<RawEntry[]>;
  /** Active Directory's delta watermark now: the DC's invocationId (via the rootDSE's dsServiceName), highestCommittedUSN, tombstone lifetime. */
  usnMark(): Promise<Extract<DeltaMark, { method: 'usn' }>>;
}

/** The delta reads of a probe that offers them; a delta is only planned for kinds that do (plan-read.ts). */
export function deltaReads(probe: ConnectionProbe): DeltaReads {
  const p = probe as Partial<DeltaReads>;
  if (!p.readIds || !p.readIdsUnder || !p.usnMark) throw new Error(`this directory connection offers no delta reads`);
  return probe as unknown as DeltaReads;
}


export interface DirectoryConnector {
  probe(settings: ProbeSettings): ConnectionProbe;
}
