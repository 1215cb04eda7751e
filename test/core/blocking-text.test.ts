import { describe, expect, it } from 'vitest';
import { blockingAdvice, blockingText, durationWords, type Blocker } from '../../src/core/blocking-text.ts';

const now = new Date('2026-11-20T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const blocker = (over: Partial<Blocker> = {}): Blocker => ({ integration: 'corp-old', state: 'disabled', since: ago(9 * DAY), blocking: 37, integrations: ['corp-ad', 'hq'], ...over });

describe('durationWords', () => {
  it('counts minutes under an hour, hours under two days, days after', () => {
    expect([0, 59_999, MINUTE, 12 * MINUTE, HOUR - 1, HOUR, 5 * HOUR, 47 * HOUR + 59 * MINUTE, 2 * DAY, 9 * DAY + 23 * HOUR].map(durationWords)).toEqual([
      'less than a minute', 'less than a minute', '1 minute', '12 minutes', '59 minutes', '1 hour', '5 hours', '47 hours', '2 days', '9 days',
    ]);
  });
});

describe('blockingText', () => {
  it('says how long, how many changes and in how many integrations', () => {
    expect(blockingText(blocker(), now)).toBe('corp-old has been disabled for 9 days and is blocking 37 changes in 2 integrations');
  });
  it('uses the singular for one of anything, and separates thousands', () => {
    expect(blockingText(blocker({ since: ago(HOUR), blocking: 1, integrations: ['hq'] }), now)).toBe('corp-old has been disabled for 1 hour and is blocking 1 change in 1 integration');
    expect(blockingText(blocker({ since: ago(12 * MINUTE), blocking: 12_500 }), now)).toBe('corp-old has been disabled for 12 minutes and is blocking 12,500 changes in 2 integrations');
  });
  it('says "failing" for an integration in error', () => {
    expect(blockingText(blocker({ integration: 'lab', state: 'error', since: ago(5 * HOUR) }), now)).toBe('lab has been failing for 5 hours and is blocking 37 changes in 2 integrations');
  });
  it('speaks of an ended block in the past tense, measured to its end', () => {
    expect(blockingText(blocker({ since: ago(3 * DAY) }), ago(DAY), { ended: true })).toBe('corp-old was disabled for 2 days and blocked 37 changes in 2 integrations');
  });
});

describe('blockingAdvice', () => {
  it('offers re-enabling a disabled integration, fixing a failing one, and deleting either', () => {
    expect(blockingAdvice('disabled')[0]).toMatch(/^Re-enable it/);
    expect(blockingAdvice('error')[0]).toMatch(/^Fix what makes it fail/);
    for (const state of ['disabled', 'error'] as const) expect(blockingAdvice(state)[1]).toMatch(/another admin's approval/);
  });
});
