import type { RunOutcome } from '../../../core/sync-ports.ts';

/** The outcome of a run that reached no result (no counts, no changes); `known` says what it did learn. */
export function noResult(status: 'failed' | 'cancelled', known: Partial<Omit<RunOutcome, 'status'>> = {}): RunOutcome {
  return { status, counts: null, destructive: null, blockedBy: null, approvalRequestId: null, duplicates: null, failure: null, certificate: null, ...known };
}
