import { describe, expect, it } from 'vitest';
import { renderDecision, renderDeleteRequest } from '../../../../src/faces/teams/render/result-approvals.ts';
import { approval, byKind, hoursAgo } from '../../../support/chat-results.ts';
import { actions, allText, readable, textBlocks, withinLimits } from './card-limits.ts';

const REQUESTER = 'teams:00000000-0000-0000-0000-0000000a5ced';
const ADMIN = 'teams:00000000-0000-0000-0000-00000000ad01';
const names = { [REQUESTER]: 'Rita', [ADMIN]: 'Ada' };

describe('renderDeleteRequest', () => {
  it('says the deletion was requested, its impact, and that another admin approves on the card', () => {
    const message = withinLimits(renderDeleteRequest({ request: approval({ requestedBy: REQUESTER }), created: true, integration: 'corp-old' }, { names }));
    expect(textBlocks(message)[0]).toBe('🗑️ Deletion of **corp-old** requested as #12.');
    const text = readable(message);
    expect(text).toContain('Impact: deleting it removes 1,200 users, 40 groups, 3,000 memberships from dirsync.\n\nAs destructive changes: 3,000 group removals, 1,200 user deletions.');
    expect(text).toContain('An admin other than Rita must approve it');
    expect(text).toContain('posted separately, or use @dirsync approve 12');
    expect(text).toContain('@dirsync reject 12 withdraws it');
    expect(actions(message)).toEqual([]);
  });
  it('says when the request already existed', () => {
    const message = withinLimits(renderDeleteRequest({ request: approval(), created: false, integration: 'corp-old' }));
    expect(readable(message)).toMatch(/^🗑️ A deletion request for corp-old already exists: #12, requested by Slack user U0REQUESTER ⌚\. Nothing new was raised\.$/m);
  });
});

describe('renderDecision', () => {
  const approved = approval({ status: 'approved', decidedBy: ADMIN, decidedAt: hoursAgo(0) });
  it('says who approved, what was applied per kind, and which integrations still hold the rest', () => {
    const message = withinLimits(renderDecision({ request: approved, integration: 'corp-old', applied: byKind({ remove_membership: 3 }), blockedBy: ['lab', 'hq'] }, { names }));
    const text = readable(message);
    expect(text).toContain('✅ Approved #12 to delete integration corp-old, by Ada ⌚.');
    expect(text).toContain('corp-old is deleted');
    expect(text).toContain('Applied now: 3 group removals.');
    expect(text).toContain('⏸ Still held while lab, hq are disabled or in error: the approved changes apply once they recover.');
    expect(message.summary).toMatch(/^Approved #12 \(delete integration corp-old\) by Ada \d{4}-\d\d-\d\d \d\d:\d\d UTC: still held by blocking integrations$/);
  });
  it('says nothing was applied yet when everything is still held', () => {
    const batch = approval({ kind: 'apply_batch', status: 'approved', decidedBy: 'cli:alice', decidedAt: hoursAgo(0) });
    const text = readable(withinLimits(renderDecision({ request: batch, integration: 'corp-ad', applied: byKind({}), blockedBy: ['lab'] })));
    expect(text).toContain('Approved #12 to apply 4,200 destructive changes to corp-ad, by alice (CLI)');
    expect(text).toContain('Nothing was applied yet.');
    expect(text).toContain('once it recovers');
  });
  it('says who rejected it, with the note, and that a withdrawal changed nothing', () => {
    const rejected = approval({ status: 'rejected', decidedBy: ADMIN, decidedAt: hoursAgo(0), note: 'not <today> & _not_ like this' });
    const message = withinLimits(renderDecision({ request: rejected, integration: 'corp-old', applied: byKind({}), blockedBy: [] }, { names }));
    expect(readable(message)).toContain('❌ Rejected #12 to delete integration corp-old, by Ada ⌚. Nothing was changed.');
    expect(allText(message)).toContain('_“not \\<today\\> & \\_not\\_ like this”_');
    const cancelled = approval({ status: 'cancelled', decidedBy: REQUESTER, decidedAt: hoursAgo(0) });
    expect(readable(withinLimits(renderDecision({ request: cancelled, integration: 'corp-old', applied: byKind({}), blockedBy: [] })))).toContain('↩️ Withdrew request #12 to delete integration corp-old. Nothing was changed.');
    const expired = approval({ status: 'expired' });
    expect(readable(withinLimits(renderDecision({ request: expired, integration: 'corp-old', applied: byKind({}), blockedBy: [] })))).toContain('❌ Request is expired: #12 to delete integration corp-old, by someone.');
  });
});
