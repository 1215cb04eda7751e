import { checklistFor, EXPLANATIONS } from '../../../core/failures.ts';
import { checkRead } from '../../../core/read-sanity.ts';
import type { RunFailure } from '../../../core/sync.ts';
import type { RunJob } from './start-run.ts';

/**
 * Never from a bad read: the users staged against those Postgres holds as present. A read that is
 * empty, or suddenly smaller than the last good one (unless an admin accepted the drop), is a
 * directory_data failure; null when the read may be applied.
 */
export async function checkStagedRead({ ctx, run, integration, account }: RunJob): Promise<RunFailure | null> {
  const [read, known] = await Promise.all([ctx.store.sync.stagedUsers(run.id, integration), ctx.store.sync.knownUsers(integration.id)]);
  const suspect = checkRead({ read, known, account, acceptDrop: run.acceptDrop, search: integration });
  if (!suspect) return null;
  const { reason, message } = suspect;
  return { class: 'directory_data', reason, stage: 'read', message: `${EXPLANATIONS[reason]} ${message}`, diagnostic: '', checklist: checklistFor(reason) };
}
