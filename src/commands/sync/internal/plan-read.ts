import { decideReadMode, readFingerprint, type DeltaMark, type ReadModeDecision } from '../../../core/delta.ts';
import type { IntegrationKind } from '../../../core/integration.ts';
import { graphDeltaReads } from '../../../core/graph-delta.ts';
import { deltaReads, ProbeFailure, type ConnectionProbe } from '../../../core/probe.ts';
import type { RunJob } from './start-run.ts';

/** Which read a run does, where a delta starts, and the watermark this read will leave. */
export interface ReadPlan extends ReadModeDecision {
  /** The stored watermark a delta reads from; null for a full read. */
  since: DeltaMark | null;
  /** The directory's watermark taken before this read; null when its kind offers none. */
  mark: DeltaMark | null;
  fingerprint: string;
}

/** Kinds whose servers keep modifyTimestamp (RFC 4512 operational attribute) on every entry. */
const TIMESTAMP_KINDS: ReadonlySet<IntegrationKind> = new Set(['openldap', 'ldap']);

/**
 * Decides the read after connecting: the watermark is the directory's own (AD) and taken
 * before the read starts, so a change during the read is seen again by the next delta.
 */
export async function planRead({ ctx, run, integration }: RunJob, probe: ConnectionProbe): Promise<ReadPlan> {
  const fingerprint = readFingerprint(integration);
  const now = ctx.now();
  let mark: DeltaMark | null = null;
  let unreadable: string | null = null;
  if (integration.kind === 'active_directory') {
    try {
      mark = await deltaReads(probe).usnMark();
    } catch (e) {
      if (!(e instanceof ProbeFailure)) throw e;
      unreadable = `the domain controller's watermark could not be read (${e.message})`;
    }
  } else if (integration.kind === 'entra_id') {
    try {
      mark = await graphDeltaReads(probe).graphMark();
    } catch (e) {
      if (!(e instanceof ProbeFailure)) throw e;
      unreadable = `Graph gave no delta links (${e.message})`;
    }
  } else if (TIMESTAMP_KINDS.has(integration.kind)) {
    mark = { method: 'timestamp', at: now.toISOString() };
  }
  const stored = run.requestedMode === 'full' ? null : await ctx.store.sync.watermark(integration.id);
  const decision = decideReadMode({ requested: run.requestedMode, stored, current: mark, fingerprint, now });
  const fallbackReason = unreadable && run.requestedMode !== 'full' && stored ? unreadable : decision.fallbackReason;
  // Graph says only when asked whether it can still follow a link: asked now, so a dead link is a full read with its reason.
  const expired = decision.mode === 'delta' && stored!.mark.method === 'graph' ? await graphDeltaReads(probe).deltaExpired(stored!.mark) : null;
  if (expired) return { mode: 'full', fallbackReason: expired, since: null, mark, fingerprint };
  return { ...decision, fallbackReason, since: decision.mode === 'delta' ? stored!.mark : null, mark, fingerprint };
}
