import { describe, expect, it } from 'vitest';
import * as words from '../../src/presenters/words.ts';
import { EXPLANATIONS } from '../../src/core/failures.ts';
import { byKind } from '../support/chat-results.ts';

const { approvalSubject, blockerNames, blockingAdvice, blockingSentence, byKindLines, byKindText, durationWords, expiryWords, impactText, nameList, plural, relativeWords, triggerWords } = words;

const now = new Date('2026-11-20T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const blocker = (over: Partial<words.Blocker> = {}): words.Blocker => ({ integration: 'corp-old', state: 'disabled', since: ago(9 * DAY), blocking: 37, integrations: ['corp-ad', 'hq'], ...over });
const bold = (s: string) => `*${s}*`;

describe('counts and kinds', () => {
  it('says counts with the right plural and thousands separated', () => {
    expect(plural(1, 'change')).toBe('1 change');
    expect(plural(1024, 'user deletion')).toBe('1,024 user deletions');
    expect(plural(2, 'address', 'addresses')).toBe('2 addresses');
  });
  it('names destructive changes per kind, in the gate order', () => {
    expect(byKindText(byKind({ purge_user: 1, remove_membership: 1200, change_address_type: 2 }))).toBe('1,200 group removals, 2 address-type changes, 1 user purge');
    expect(byKindText(byKind({}))).toBe('none');
    expect(byKindLines(byKind({ delete_user: 2 }))).toEqual(['• 2 user deletions']);
    expect(impactText({ users: 1, groups: 0, memberships: 2, byKind: byKind({}) })).toBe('1 user, 0 groups, 2 memberships');
  });
});

describe('sentences with names in them', () => {
  it('come back in pieces: joined for plain text, each name as the caller formats it', () => {
    expect(approvalSubject('apply_batch', 'corp-ad', { users: 0, groups: 0, memberships: 0, byKind: byKind({ delete_user: 1 }) }).join('')).toBe('apply 1 destructive change to corp-ad');
    expect(approvalSubject('delete_integration', 'corp-ad', { users: 0, groups: 0, memberships: 0, byKind: byKind({}) }, bold).join('')).toBe('delete integration *corp-ad*');
    expect(triggerWords('schedule', 'system:scheduler').join('')).toBe('scheduled');
    expect(triggerWords('manual', 'slack:U1', (id) => `<${id}>`).join('')).toBe('manual by <slack:U1>');
    expect(triggerWords('sync_all', 'cli:alice').join('')).toBe('sync all by cli:alice');
  });
  it('keep name lists short', () => {
    expect(nameList(['a', 'b', 'c', 'd', 'e', 'f', 'g'], 5, bold).join('')).toBe('*a*, *b*, *c*, *d*, *e* and 2 more');
    expect(nameList(['a_b', 'c', 'd'], 2).join('')).toBe('a_b, c and 1 more');
    expect(blockerNames(['lab'], bold).join('')).toBe('*lab* is');
    expect(blockerNames(['lab', 'hq']).join('')).toBe('lab, hq are');
  });
});

describe('durations: one phrasing for every face', () => {
  it('counts minutes under an hour, hours under two days, days after', () => {
    expect([0, 59_999, MINUTE, 12 * MINUTE, HOUR - 1, HOUR, 5 * HOUR, 47 * HOUR + 59 * MINUTE, 2 * DAY, 9 * DAY + 23 * HOUR].map(durationWords)).toEqual([
      'less than a minute', 'less than a minute', '1 minute', '12 minutes', '59 minutes', '1 hour', '5 hours', '47 hours', '2 days', '9 days',
    ]);
  });
  it('says a time relative to now the same way', () => {
    expect(relativeWords(ago(30_000), now)).toBe('just now');
    expect(relativeWords(ago(12 * MINUTE), now)).toBe('12 minutes ago');
    expect(relativeWords(ago(-5 * HOUR), now)).toBe('in 5 hours');
    expect(relativeWords(ago(36 * HOUR), now)).toBe('36 hours ago');
    expect(relativeWords(ago(3 * DAY), now)).toBe('3 days ago');
  });
  it('says expiries the way people say them', () => {
    expect(expiryWords(1)).toBe('expires in 1 day');
    expect(expiryWords(0)).toBe('expires today');
    expect(expiryWords(-2)).toBe('expired 2 days ago');
  });
});

describe('blocking sentences', () => {
  it('say how long, how many destructive changes and in how many integrations', () => {
    expect(blockingSentence(blocker(), now).join('')).toBe('corp-old has been disabled for 9 days and is blocking 37 destructive changes in 2 integrations');
    expect(blockingSentence(blocker(), now, { format: bold }).join('')).toBe('*corp-old* has been disabled for 9 days and is blocking 37 destructive changes in 2 integrations');
  });
  it('use the singular for one of anything, and separate thousands', () => {
    expect(blockingSentence(blocker({ since: ago(HOUR), blocking: 1, integrations: ['hq'] }), now).join('')).toBe('corp-old has been disabled for 1 hour and is blocking 1 destructive change in 1 integration');
    expect(blockingSentence(blocker({ since: ago(12 * MINUTE).toISOString(), blocking: 12_500 }), now).join('')).toBe('corp-old has been disabled for 12 minutes and is blocking 12,500 destructive changes in 2 integrations');
  });
  it('say "in error" for an integration in error, as its state is called everywhere', () => {
    expect(blockingSentence(blocker({ integration: 'lab', state: 'error', since: ago(5 * HOUR) }), now).join('')).toBe('lab has been in error for 5 hours and is blocking 37 destructive changes in 2 integrations');
  });
  it('speak of an ended block in the past tense, measured to its end', () => {
    expect(blockingSentence(blocker({ since: ago(3 * DAY) }), ago(DAY), { ended: true }).join('')).toBe('corp-old was disabled for 2 days and blocked 37 destructive changes in 2 integrations');
  });
  it('come with the ways out: re-enable a disabled integration, fix a failing one, delete either', () => {
    expect(blockingAdvice('disabled')[0]).toMatch(/^Re-enable it/);
    expect(blockingAdvice('error')[0]).toMatch(/^Fix what makes it fail/);
    for (const state of ['disabled', 'error'] as const) expect(blockingAdvice(state)[1]).toMatch(/another admin's approval/);
  });
});

describe('failures', () => {
  it('print the explanation once, then what the message adds', () => {
    const base = EXPLANATIONS.invalid_credentials;
    expect(words.explanationLines({ reason: 'invalid_credentials', message: base })).toEqual([base]);
    expect(words.explanationLines({ reason: 'invalid_credentials', message: '' })).toEqual([base]);
    expect(words.explanationLines({ reason: 'invalid_credentials', message: `${base} (data 52e)` })).toEqual([`${base} (data 52e)`]);
    expect(words.explanationLines({ reason: 'invalid_credentials', message: 'other' })).toEqual([base, 'other']);
  });
  it('cut free text with an ellipsis, never half a character', () => {
    expect(words.truncate('abcdef', 4)).toBe('abc…');
    expect(words.truncate('ab😀cd', 4)).toBe('ab…');
    expect(words.truncate('abc', 4)).toBe('abc');
    expect(words.SNOOZE_DAYS).toBe(7);
  });
});

describe('read modes and watermarks', () => {
  it('says how a run read, and why a delta fell back', () => {
    expect(words.readModeWords({ mode: 'delta', fallbackReason: null, deltaMethod: 'usn' })).toBe('delta (usn)');
    expect(words.readModeWords({ mode: 'full', fallbackReason: null, deltaMethod: null })).toBe('full read');
    expect(words.readModeWords({ mode: 'full', fallbackReason: 'there is no watermark yet', deltaMethod: null })).toBe('full read (a delta was asked for: there is no watermark yet)');
    expect(words.readModeWords({ mode: null, fallbackReason: null, deltaMethod: null })).toBeNull();
  });

  it('gives the watermark and the last full read, and says when settings changed since', () => {
    const iso = (s: string) => s.slice(0, 16);
    expect(words.watermarkWords(null, iso)).toMatch(/none yet/);
    const usn = { method: 'usn' as const, invocationId: 'abc', usn: 4711, tombstoneLifetimeDays: 180, namingContext: 'DC=x', takenAt: '2026-12-02T10:00:00Z', lastFullAt: '2026-12-02T08:00:00Z', current: false };
    expect(words.watermarkWords(usn, iso)).toBe('uSNChanged 4711 on invocationId abc, taken 2026-12-02T10:00; last full read 2026-12-02T08:00 (settings changed since: the next sync reads in full)');
    const graph = { method: 'graph' as const, tenantId: 't-1', graphUrl: 'https://graph.example', users: 'https://graph.example/v1.0/users/delta?$deltatoken=SECRETISH', groups: 'https://graph.example/v1.0/groups/delta?$deltatoken=x', takenAt: '2026-12-02T10:00:00Z', lastFullAt: null, current: true };
    // The delta links are long opaque tokens: named, not printed.
    expect(words.watermarkWords(graph, iso)).toBe('Graph delta links of tenant t-1, taken 2026-12-02T10:00; last full read before the watermark was kept');
  });
});
