import { describe, expect, it } from 'vitest';
import * as chat from '../../../../src/presenters/words.ts';
import * as slackWords from '../../../../src/faces/slack/render/words.ts';
import { bold, who } from '../../../../src/faces/teams/render/markdown.ts';
import { EXPLANATIONS } from '../../../../src/core/failures.ts';
import { byKind } from '../../../support/chat-results.ts';

describe('shared chat words', () => {
  it('are the very functions the Slack renderers use', () => {
    for (const name of ['plural', 'byKindText', 'byKindLines', 'impactText', 'approvalSubject', 'stateWords', 'seconds', 'age', 'daysBetween', 'expiryWords', 'totalOf', 'num'] as const) {
      expect(slackWords[name], name).toBe(chat[name]);
    }
    expect(slackWords.RUN_MARK).toBe(chat.RUN_MARK);
    expect(slackWords.STATE_MARK).toBe(chat.STATE_MARK);
  });

  it('take each face’s own way of naming people and integrations', () => {
    expect(chat.triggerWords('manual', 'cli:alice', (id) => who(id))).toBe('manual by alice (CLI)');
    expect(chat.triggerWords('sync_all', 'teams:x-123456', (id) => who(id))).toBe('sync all by a Teams user (…123456)');
    expect(chat.triggerWords('schedule', 'system:scheduler', () => 'never')).toBe('scheduled');
    expect(chat.nameList(['a_b', 'c', 'd'], 2, bold)).toBe('**a_b**, **c** and 1 more');
    expect(chat.blockerNames(['lab'], bold)).toBe('**lab** is');
    expect(slackWords.nameList(['a', 'b<'])).toBe('*a*, *b&lt;*');
  });

  it('say counts and kinds the way people say them', () => {
    expect(chat.byKindText(byKind({ purge_user: 1, remove_membership: 1200 }))).toBe('1,200 group removals, 1 user purge');
    expect(chat.byKindLines(byKind({ delete_user: 2 }))).toEqual(['• 2 user deletions']);
    expect(chat.SNOOZE_DAYS).toBe(7);
  });

  it('print the explanation once, then what the message adds', () => {
    const base = EXPLANATIONS.invalid_credentials;
    expect(chat.explanationLines({ reason: 'invalid_credentials', message: base })).toEqual([base]);
    expect(chat.explanationLines({ reason: 'invalid_credentials', message: '' })).toEqual([base]);
    expect(chat.explanationLines({ reason: 'invalid_credentials', message: `${base} (data 52e)` })).toEqual([`${base} (data 52e)`]);
    expect(chat.explanationLines({ reason: 'invalid_credentials', message: 'other' })).toEqual([base, 'other']);
  });
});
