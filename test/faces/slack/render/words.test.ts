import { describe, expect, it } from 'vitest';
import { age, approvalSubject, byKindText, channelRef, expiryWords, impactText, nameList, triggerWords } from '../../../../src/faces/slack/render/words.ts';
import { byKind } from '../../../support/chat-results.ts';

describe('words', () => {
  it('names destructive changes per kind, in the order core lists them (CHANGE_KINDS)', () => {
    expect(byKindText(byKind({ purge_user: 1, remove_membership: 1200, change_address_type: 2 }))).toBe('1,200 group removals, 2 address-type changes, 1 user purge');
    expect(byKindText(byKind({}))).toBe('none');
    expect(impactText({ users: 1, groups: 0, memberships: 2, byKind: byKind({}) })).toBe('1 user, 0 groups, 2 memberships');
    expect(approvalSubject('apply_batch', 'corp-ad', { users: 0, groups: 0, memberships: 0, byKind: byKind({ delete_user: 1 }) })).toBe('apply 1 destructive change to corp-ad');
  });
  it('says ages, expiries and triggers the way people say them', () => {
    expect(age(5 * 3_600_000)).toBe('5 hours');
    expect(age(49 * 3_600_000)).toBe('2 days');
    expect(expiryWords(1)).toBe('expires in 1 day');
    expect(expiryWords(0)).toBe('expires today');
    expect(expiryWords(-2)).toBe('expired 2 days ago');
    expect(triggerWords('schedule', 'system:scheduler')).toBe('scheduled');
    expect(triggerWords('manual', 'slack:U1')).toBe('manual by <@U1>');
  });
  it('keeps name lists short and escaped', () => {
    expect(nameList(['a', 'b<', 'c', 'd', 'e', 'f', 'g'])).toBe('*a*, *b&lt;*, *c*, *d*, *e* and 2 more');
    expect(channelRef('slack', 'C0ALERTS')).toBe('<#C0ALERTS>');
    expect(channelRef('slack', '<!here>')).toBe('&lt;!here&gt;');
  });
});
