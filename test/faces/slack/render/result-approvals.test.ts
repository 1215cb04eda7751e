import { describe, expect, it } from 'vitest';
import { renderDecision, renderDeleteRequest } from '../../../../src/faces/slack/render/result-approvals.ts';
import { approval, byKind, hoursAgo } from '../../../support/chat-results.ts';
import { actionBlocks, allText, sectionTexts, withinLimits } from './slack-limits.ts';

describe('renderDeleteRequest', () => {
  it('says the deletion was requested, its impact, and that another admin approves on the card', () => {
    const message = withinLimits(renderDeleteRequest({ request: approval(), created: true, integration: 'corp-old' }));
    const text = allText(message);
    expect(sectionTexts(message)[0]).toBe('🗑️ Deletion of *corp-old* requested as #12.');
    expect(text).toContain('removes 1,200 users, 40 groups, 3,000 memberships');
    expect(text).toContain('3,000 group removals, 1,200 user deletions');
    expect(text).toContain('An admin other than <@U0REQUESTER> must approve it');
    expect(text).toContain('posted separately');
    expect(actionBlocks(message)).toEqual([]);
  });
  it('says when the request already existed', () => {
    const message = withinLimits(renderDeleteRequest({ request: approval(), created: false, integration: 'corp-old' }));
    expect(sectionTexts(message)[0]).toMatch(/^🗑️ A deletion request for \*corp-old\* already exists: #12, requested by <@U0REQUESTER> <!date[^>]+>\. Nothing new was raised\.$/);
  });
});

describe('renderDecision', () => {
  const approved = approval({ status: 'approved', decidedBy: 'slack:U0ADMIN', decidedAt: hoursAgo(0) });
  it('says who approved, what was applied per kind, and which integrations still hold the rest', () => {
    const text = allText(withinLimits(renderDecision({ request: approved, integration: 'corp-old', applied: byKind({ remove_membership: 3 }), blockedBy: ['lab', 'hq'] })));
    expect(text).toContain('✅ Approved #12 to delete integration *corp-old*, by <@U0ADMIN>');
    expect(text).toContain('*corp-old* is deleted');
    expect(text).toContain('Applied now: 3 group removals.');
    expect(text).toContain('Still held while *lab*, *hq* are disabled or in error: the approved changes apply once they recover.');
  });
  it('says nothing was applied yet when everything is still held', () => {
    const batch = approval({ kind: 'apply_batch', status: 'approved', decidedBy: 'cli:alice', decidedAt: hoursAgo(0) });
    const text = allText(withinLimits(renderDecision({ request: batch, integration: 'corp-ad', applied: byKind({}), blockedBy: ['lab'] })));
    expect(text).toContain('Approved #12 to apply 4,200 destructive changes to *corp-ad*, by cli:alice');
    expect(text).toContain('Nothing was applied yet.');
    expect(text).toContain('once it recovers');
  });
  it('says who rejected it, with the note, and that a withdrawal changed nothing', () => {
    const rejected = approval({ status: 'rejected', decidedBy: 'slack:U0ADMIN', decidedAt: hoursAgo(0), note: 'not <today> & not like this' });
    const text = allText(withinLimits(renderDecision({ request: rejected, integration: 'corp-old', applied: byKind({}), blockedBy: [] })));
    expect(text).toContain('❌ Rejected #12 to delete integration *corp-old*, by <@U0ADMIN>');
    expect(text).toContain('not &lt;today&gt; &amp; not like this');
    const cancelled = approval({ status: 'cancelled', decidedBy: 'slack:U0REQUESTER', decidedAt: hoursAgo(0) });
    expect(allText(withinLimits(renderDecision({ request: cancelled, integration: 'corp-old', applied: byKind({}), blockedBy: [] })))).toContain('↩️ Withdrew request #12');
  });
});
