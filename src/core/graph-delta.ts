import type { DeltaMark } from './delta.ts';
import type { RawEntry } from './directory-entry.ts';
import type { ConnectionProbe } from './probe.ts';

export type GraphMark = Extract<DeltaMark, { method: 'graph' }>;

/** One page of a Graph delta: the objects changed or added (entries as a full read gives them), and the ids removed. */
export interface GraphChanges {
  entries: RawEntry[];
  /** Ids whose object came with `@removed` (reason `changed`: in the recycle bin; `deleted`: gone for good). */
  removed: string[];
}

/** What an Entra ID delta reads (README "How deltas work": Entra ID). */
export interface GraphDeltaReads {
  /** Delta links for the state now (`$deltatoken=latest`): taken before a read, as the LDAP watermarks are. */
  graphMark(): Promise<GraphMark>;
  /**
   * Why the stored links cannot be followed (Graph answered 410 Gone, `syncStateNotFound` or
   * `resyncRequired`), or null when both answered. Their first pages are kept for the read.
   */
  deltaExpired(since: GraphMark): Promise<string | null>;
  /** Users changed since the link, page by page until the next deltaLink. */
  userChanges(link: string): AsyncIterable<GraphChanges>;
  /** Groups changed since the link (name or `members@delta`), each with its complete member list re-read. */
  groupChanges(link: string): AsyncIterable<GraphChanges>;
}

/** The Graph delta reads of a probe that offers them (entra_id's). */
export function graphDeltaReads(probe: ConnectionProbe): GraphDeltaReads {
  const p = probe as Partial<GraphDeltaReads>;
  if (!p.graphMark || !p.deltaExpired || !p.userChanges || !p.groupChanges) throw new Error('this directory connection offers no Graph delta reads');
  return probe as unknown as GraphDeltaReads;
}
