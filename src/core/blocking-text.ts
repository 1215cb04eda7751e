import type { IntegrationState } from './integration.ts';
import { plural } from './plural.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** An integration that holds back destructive changes (gate step 1): the facts a banner states. */
export interface Blocker {
  integration: string;
  state: Exclude<IntegrationState, 'enabled'>;
  since: Date;
  /** Held changes it blocks, and the integrations they belong to. */
  blocking: number;
  integrations: string[];
}

/** "12 minutes" under an hour, "5 hours" under two days (a day and a half reads badly as "1 day"), else "9 days". */
export function durationWords(ms: number): string {
  if (ms < MINUTE_MS) return 'less than a minute';
  if (ms < HOUR_MS) return plural(Math.floor(ms / MINUTE_MS), 'minute');
  if (ms < 2 * DAY_MS) return plural(Math.floor(ms / HOUR_MS), 'hour');
  return plural(Math.floor(ms / DAY_MS), 'day');
}

/**
 * "corp-old has been disabled for 9 days and is blocking 37 changes in 2 integrations";
 * `ended`: the same in the past tense, measured up to `at` (a resolved warning).
 */
export function blockingText(b: Blocker, at: Date, opts: { ended?: boolean } = {}): string {
  const doing = b.state === 'error' ? 'failing' : 'disabled';
  const duration = durationWords(at.getTime() - b.since.getTime());
  const what = `${plural(b.blocking, 'change')} in ${plural(b.integrations.length, 'integration')}`;
  return opts.ended
    ? `${b.integration} was ${doing} for ${duration} and blocked ${what}`
    : `${b.integration} has been ${doing} for ${duration} and is blocking ${what}`;
}

/** Why one integration holds back changes of others (docs/architecture.md#the-gate). */
export const BLOCKING_REASON = 'While any integration of the account is disabled or failing, every destructive change of every integration is held.';

/** The ways out, for a banner or a lingering warning. */
export function blockingAdvice(state: Blocker['state']): string[] {
  const fix = state === 'error' ? 'Fix what makes it fail (its failure alert says what to check), then test or sync it.' : 'Re-enable it if it should sync again.';
  return [fix, "Delete it if it is gone for good: deleting needs another admin's approval."];
}
