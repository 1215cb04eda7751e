import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../../../src/faces/slack/actions.ts';
import { renderApproval, renderApprovalThread } from '../../../../src/faces/slack/render/approval.ts';
import { APPROVAL_EVENTS } from '../../../../src/core/alerts.ts';
import { approval, byKind, hoursAgo, now } from '../../../support/chat-results.ts';
import { actionBlocks, allText, buttons, sectionTexts, withinLimits } from './slack-limits.ts';

const decided = {
  approved: approval({ status: 'approved', decidedBy: 'slack:U0ADMIN', decidedAt: hoursAgo(1) }),
  rejected: approval({ status: 'rejected', decidedBy: 'slack:U0ADMIN', decidedAt: hoursAgo(1), note: 'keep <corp-old> & wait' }),
  cancelled: approval({ status: 'cancelled', decidedBy: 'slack:U0REQUESTER', decidedAt: hoursAgo(1) }),
  expired: approval({ status: 'expired', expiresAt: hoursAgo(1) }),
};

describe('renderApproval: pending', () => {
  it('has Approve (danger, with a confirm dialog) and Reject, both carrying the request id', () => {
    const message = withinLimits(renderApproval(approval(), { now }));
    expect(actionBlocks(message)).toHaveLength(1);
    const [approve, reject] = buttons(message);
    expect(approve).toMatchObject({ text: 'Approve', action_id: ACTIONS.approve, value: '12', style: 'danger' });
    expect(reject).toMatchObject({ text: 'Reject', action_id: ACTIONS.reject, value: '12' });
    expect(reject!.style).toBeUndefined();
    const confirm = JSON.stringify(approve!.confirm);
    for (const words of ['Approve #12?', '"Approve"', '"Cancel"', 'cannot be undone', '1,200 users, 40 groups, 3,000 memberships']) expect(confirm).toContain(words);
  });

  it('names the request, its impact per kind, the requester, the expiry and the four-eyes rule', () => {
    const message = withinLimits(renderApproval(approval(), { now }));
    expect(JSON.stringify(message.blocks[0])).toContain('Approval #12: delete integration corp-old');
    const text = allText(message);
    for (const words of ['1,200 users, 40 groups, 3,000 memberships', '3,000 group removals', '1,200 user deletions', 'Requested by <@U0REQUESTER> <!date^', 'Expires <!date^', 'An admin other than <@U0REQUESTER> must approve']) {
      expect(text).toContain(words);
    }
  });

  it('says how many changes a batch applies and which run derived it', () => {
    const batch = approval({ kind: 'apply_batch', integration: 'corp-ad', runId: 40, impact: { users: 640, groups: 12, memberships: 600, byKind: byKind({ remove_membership: 600, delete_user: 40 }) } });
    const message = withinLimits(renderApproval(batch, { now }));
    expect(JSON.stringify(message.blocks[0])).toContain('Approval #12: apply 640 destructive changes to corp-ad');
    expect(allText(message)).toContain('Derived by sync #40');
  });
});

describe('renderApproval: settled', () => {
  it('has no actions block and says who settled it, first', () => {
    const first = {
      approved: '✅ Approved by <@U0ADMIN> <!date^',
      rejected: '❌ Rejected by <@U0ADMIN> <!date^',
      cancelled: '↩️ Withdrawn by the requester <@U0REQUESTER> <!date^',
      expired: '⌛ Expired <!date^',
    };
    for (const [status, request] of Object.entries(decided) as [keyof typeof decided, ReturnType<typeof approval>][]) {
      const message = withinLimits(renderApproval(request, { now }));
      expect(actionBlocks(message), status).toEqual([]);
      expect(sectionTexts(message)[0]!.startsWith(first[status]), status).toBe(true);
      expect(allText(message), status).toContain('1,200 users, 40 groups, 3,000 memberships');
    }
    expect(sectionTexts(renderApproval(decided.expired, { now }))[0]).toContain('nothing was changed');
  });

  it('shows the rejection note, escaped', () => {
    expect(allText(withinLimits(renderApproval(decided.rejected, { now })))).toContain('\n> keep &lt;corp-old&gt; &amp; wait');
  });
});

describe('renderApprovalThread', () => {
  it('says nothing for created, the new impact for updated, and the card first line for decisions', () => {
    expect(renderApprovalThread(approval(), 'created', {})).toBeNull();
    const updated = withinLimits(renderApprovalThread(approval({ impact: { users: 10, groups: 1, memberships: 2, byKind: byKind({ delete_user: 10 }) } }), 'updated', {}));
    expect(updated!.text).toContain('Impact changed: 10 users, 1 group, 2 memberships');
    const approved = withinLimits(renderApprovalThread(decided.approved, 'decided', {}));
    expect(approved!.text.startsWith('✅ Approved by <@U0ADMIN>')).toBe(true);
    expect(withinLimits(renderApprovalThread(decided.expired, 'expired', {}))!.text).toContain('⌛ Expired');
    expect(withinLimits(renderApprovalThread(decided.rejected, 'decided', { note: 'see <ticket> & log' }))!.blocks[0]).toMatchObject({ text: { text: expect.stringContaining('see &lt;ticket&gt; &amp; log') } });
  });
  it('handles every event', () => {
    for (const event of APPROVAL_EVENTS) withinLimits(renderApprovalThread(decided.approved, event, {}));
  });
});
