import type { Account } from './account.ts';
import { deletionThreshold } from './gate.ts';

/** What a read that found nobody searched: said the same way by a test and by a sync. */
export function nothingMatches(search: { userFilter: string; baseDns: readonly string[] }): string {
  return `No entry matches the user filter ${search.userFilter} under ${search.baseDns.join('; ')}.`;
}

export type SuspectRead = { reason: 'empty_result' | 'sudden_drop'; message: string } | null;

/**
 * Never from a bad read (docs/architecture.md#bad-reads): zero users where the last good run had some, or a drop
 * beyond the deletion threshold, is a directory_data failure, not a mass deletion.
 */
export function checkRead(input: {
  read: number;
  /** Users this integration has in Postgres as present in the directory. */
  known: number;
  /** What was searched, so an empty read names it. */
  search: { userFilter: string; baseDns: readonly string[] };
  account: Pick<Account, 'deletionThresholdCount' | 'deletionThresholdPercent'>;
  acceptDrop: boolean;
}): SuspectRead {
  const { read, known } = input;
  if (read === 0 && known > 0) {
    return { reason: 'empty_result', message: `The directory returned no users, where the last good sync had ${known}. ${nothingMatches(input.search)}` };
  }
  const drop = known - read;
  const threshold = deletionThreshold(input.account, known);
  if (drop > threshold && !input.acceptDrop) {
    return {
      reason: 'sudden_drop',
      message:
        `The directory returned ${read} users, ${drop} fewer than the ${known} of the last good sync (the threshold is ${threshold}). ` +
        'Nothing was changed. If the drop is real, an admin can run the sync with --accept-drop; the removals then wait for approval.',
    };
  }
  return null;
}
