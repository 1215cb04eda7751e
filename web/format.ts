import { relativeWords } from '../src/presenters/words.ts';

/** Dates as the account reads them: its own time zone, named. */
export function when(iso: string | null, timeZone: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(iso));
}

/** The schedule preview under the cron field (the page's script writes the same sentence as you type). */
export function nextRunsText(next: string[], timeZone: string): string {
  return `Next runs (${timeZone}): ${next.map((n) => when(n, timeZone)).join(' · ') || '—'}`;
}

/** "3 hours ago", "in 5 hours", "just now": for the at-a-glance pages. */
export function relative(iso: string | null, now: Date): string {
  return iso ? relativeWords(new Date(iso), now) : '—';
}
