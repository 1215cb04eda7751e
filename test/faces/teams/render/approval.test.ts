import { describe, expect, it } from 'vitest';
import { renderApproval, renderApprovalThread } from '../../../../src/faces/teams/render/approval.ts';
import { VERBS } from '../../../../src/faces/teams/verbs.ts';
import { APPROVAL_EVENTS } from '../../../../src/core/alerts.ts';
import { approval, byKind, hoursAgo, now } from '../../../support/chat-results.ts';
import { actions, allText, readable, shown, textBlocks, withinLimits } from './card-limits.ts';

const REQUESTER = 'teams:00000000-0000-0000-0000-0000000a5ced';
const ADMIN = 'teams:00000000-0000-0000-0000-00000000ad01';
const names = { [REQUESTER]: 'Rita Requester', [ADMIN]: 'Ada Admin' };
const request = (over: Parameters<typeof approval>[0] = {}) => approval({ requestedBy: REQUESTER, ...over });

const decided = {
  approved: request({ status: 'approved', decidedBy: ADMIN, decidedAt: hoursAgo(1) }),
  rejected: request({ status: 'rejected', decidedBy: ADMIN, decidedAt: hoursAgo(1), note: 'keep <corp-old> & **wait**' }),
  cancelled: request({ status: 'cancelled', decidedBy: REQUESTER, decidedAt: hoursAgo(1) }),
  expired: request({ status: 'expired', expiresAt: hoursAgo(1) }),
};

describe('renderApproval: pending', () => {
  it('has Approve (destructive) and Reject, both carrying the request id', () => {
    expect(actions(withinLimits(renderApproval(request(), { now, names })))).toEqual([
      { type: 'Action.Execute', title: 'Approve', verb: VERBS.approve, data: { value: '12' }, style: 'destructive' },
      { type: 'Action.Execute', title: 'Reject', verb: VERBS.reject, data: { value: '12' } },
    ]);
  });

  it('names the request, its impact per kind, the requester, the expiry, the four-eyes rule and what Approve does', () => {
    const message = withinLimits(renderApproval(request(), { now, names }));
    expect(textBlocks(message)[0]).toBe('Approval #12: delete integration corp-old');
    const text = readable(message);
    for (const words of [
      'Impact: Deleting it removes 1,200 users, 40 groups, 3,000 memberships from dirsync.\n\n• 3,000 group removals\n\n• 1,200 user deletions',
      '🔐 An admin other than Rita Requester must approve. Expires ⌚; unanswered, it is treated as a no.',
      'Approving means: delete integration corp-old. The integration and everything it synced leave dirsync (1,200 users, 40 groups, 3,000 memberships). This cannot be undone.',
      'Requested by Rita Requester ⌚ · request #12',
      'Or type @dirsync approve 12 or @dirsync reject 12 [note].',
    ]) expect(text).toContain(words);
    expect(message.summary).toBe('Approval #12: delete integration corp-old');
  });

  it('says how many changes a batch applies and which run derived it, and when it is past its expiry', () => {
    const batch = request({ kind: 'apply_batch', integration: 'corp-ad', runId: 40, expiresAt: hoursAgo(1), impact: { users: 640, groups: 12, memberships: 600, byKind: byKind({ remove_membership: 600, delete_user: 40 }) } });
    const message = withinLimits(renderApproval(batch, { now }));
    expect(textBlocks(message)[0]).toBe('Approval #12: apply 640 destructive changes to corp-ad');
    const text = readable(message);
    expect(text).toContain("Derived by sync #40, over the account's deletion threshold.");
    expect(text).toContain('640 destructive changes are applied');
    expect(text).toContain('It expired ⌚: treated as a no.');
    expect(text).toContain('An admin other than a Teams user (…0a5ced) must approve');
  });
});

describe('renderApproval: settled', () => {
  it('has no actions and says who settled it, first, keeping the impact', () => {
    const first = {
      approved: '✅ Approved by Ada Admin ⌚',
      rejected: '❌ Rejected by Ada Admin ⌚ — nothing was changed',
      cancelled: '↩️ Withdrawn by the requester Rita Requester ⌚ — nothing was changed',
      expired: '⌛ Expired ⌚ — nothing was changed',
    };
    for (const [status, settled] of Object.entries(decided) as [keyof typeof decided, ReturnType<typeof approval>][]) {
      const message = withinLimits(renderApproval(settled, { now, names }));
      expect(actions(message), status).toEqual([]);
      expect(message.card, status).not.toHaveProperty('actions');
      expect(shown(textBlocks(message)[0]!).startsWith(first[status]), status).toBe(true);
      expect(readable(message), status).toContain('1,200 users, 40 groups, 3,000 memberships');
      expect(readable(message), status).not.toContain('Approving means');
    }
  });

  it('shows the rejection note, made safe', () => {
    expect(allText(withinLimits(renderApproval(decided.rejected, { now, names })))).toContain('\n\n_“keep \\<corp-old\\> & \\*\\*wait\\*\\*”_');
  });
});

describe('renderApprovalThread', () => {
  it('says nothing for created, the new impact for updated, and the card first line for decisions', () => {
    expect(renderApprovalThread(request(), 'created', {})).toBeNull();
    const updated = withinLimits(renderApprovalThread(request({ impact: { users: 10, groups: 1, memberships: 2, byKind: byKind({ delete_user: 10 }) } }), 'updated', {}));
    expect(updated!.summary).toBe('🔄 Impact changed: 10 users, 1 group, 2 memberships (10 destructive changes)');
    expect(withinLimits(renderApprovalThread(decided.approved, 'decided', {}, { names }))!.summary).toMatch(/^✅ Approved by Ada Admin \d{4}-/);
    expect(withinLimits(renderApprovalThread(decided.expired, 'expired', {}))!.summary).toContain('⌛ Expired');
    const rejected = withinLimits(renderApprovalThread(decided.rejected, 'decided', { note: 'see <ticket> & log' }))!;
    expect(allText(rejected)).toContain('see \\<ticket\\> & log');
    expect(actions(rejected)).toEqual([]);
  });
  it('handles every event', () => {
    for (const event of APPROVAL_EVENTS) withinLimits(renderApprovalThread(decided.approved, event, {}));
  });
});
