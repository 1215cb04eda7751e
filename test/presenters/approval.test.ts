import { describe, expect, it } from 'vitest';
import { presentApproval, presentApprovalThread } from '../../src/presenters/approval.ts';
import { APPROVAL_EVENTS } from '../../src/core/alerts.ts';
import { approval, byKind, changeItems, hoursAgo, now } from '../support/chat-results.ts';
import { messageText, partsOf, summaryText } from '../support/message-text.ts';

const text = (m: Parameters<typeof messageText>[0]) => messageText(m).split('\n');
const decided = {
  approved: approval({ status: 'approved', decidedBy: 'slack:U0ADMIN', decidedAt: hoursAgo(1) }),
  rejected: approval({ status: 'rejected', decidedBy: 'slack:U0ADMIN', decidedAt: hoursAgo(1), note: 'keep <corp-old> & wait' }),
  cancelled: approval({ status: 'cancelled', decidedBy: 'slack:U0REQUESTER', decidedAt: hoursAgo(1) }),
  expired: approval({ status: 'expired', expiresAt: hoursAgo(1) }),
};

describe('presentApproval: pending', () => {
  it('names the request, its impact per kind, the requester, the expiry, the four-eyes rule; Approve asks first, Reject does not', () => {
    const m = presentApproval(approval(), { now });
    expect(text(m)).toEqual([
      '# Approval #12: delete integration corp-old',
      '*Impact:* Deleting it removes 1,200 users, 40 groups, 3,000 memberships from dirsync.',
      '• 3,000 group removals',
      '• 1,200 user deletions',
      '🔐 An admin other than @slack:U0REQUESTER must approve. Expires 2026-11-21 10:00 UTC; unanswered, it is treated as a no.',
      '(Requested by @slack:U0REQUESTER 2026-11-20 10:00 UTC · request #12)',
      '(Or type ⟨approve 12⟩ or ⟨reject 12 [note]⟩.)',
      '[Approve → 12] asks: Delete integration *corp-old*: the integration and everything it synced leave dirsync (1,200 users, 40 groups, 3,000 memberships). This cannot be undone.',
      '[Reject → 12]',
    ]);
    expect(summaryText(m)).toBe('Approval #12: delete integration corp-old');
  });

  it('says how many changes a batch applies, which run derived it, and when it is past its expiry', () => {
    const batch = approval({ kind: 'apply_batch', integration: 'corp-ad', runId: 40, expiresAt: hoursAgo(1), impact: { users: 640, groups: 12, memberships: 600, byKind: byKind({ remove_membership: 600, delete_user: 40 }) } });
    const m = presentApproval(batch, { now });
    expect(text(m)[0]).toBe('# Approval #12: apply 640 destructive changes to corp-ad');
    expect(text(m)).toContain("Derived by sync #40, over the account's deletion threshold.");
    expect(messageText(m)).toContain('It expired 2026-11-20 11:00 UTC: treated as a no.');
    expect(messageText(m)).toContain('[Approve → 12] asks: Apply 640 destructive changes to *corp-ad*: 640 destructive changes are applied (640 users, 12 groups, 600 memberships). This cannot be undone.');
  });
});

describe('presentApproval: settled', () => {
  it('has no buttons and says who settled it, first, in its tone, keeping the impact', () => {
    const first = {
      approved: ['✅ Approved by @slack:U0ADMIN 2026-11-20 11:00 UTC', 'good'],
      rejected: ['❌ Rejected by @slack:U0ADMIN 2026-11-20 11:00 UTC — nothing was changed', 'bad'],
      cancelled: ['↩️ Withdrawn by the requester @slack:U0REQUESTER 2026-11-20 11:00 UTC — nothing was changed', 'neutral'],
      expired: ['⌛ Expired 2026-11-20 11:00 UTC — nothing was changed', 'neutral'],
    };
    for (const [status, request] of Object.entries(decided) as [keyof typeof decided, ReturnType<typeof approval>][]) {
      const m = presentApproval(request, { now });
      expect(m.buttons, status).toEqual([]);
      expect(text(m)[0], status).toBe(first[status][0]);
      expect(partsOf(m, 'text')[0], status).toMatchObject({ strong: true, tone: first[status][1] });
      expect(messageText(m), status).toContain('1,200 users, 40 groups, 3,000 memberships');
    }
    expect(text(presentApproval(decided.rejected, { now }))[1]).toBe('“keep <corp-old> & wait”');
  });
});

describe('presentApprovalThread', () => {
  it('says nothing for created, the new impact for updated, and the card first line for decisions', () => {
    expect(presentApprovalThread(approval(), 'created', {})).toBeNull();
    const updated = presentApprovalThread(approval({ impact: { users: 10, groups: 1, memberships: 2, byKind: byKind({ delete_user: 10 }) } }), 'updated', {})!;
    expect(summaryText(updated)).toBe('🔄 Impact changed: 10 users, 1 group, 2 memberships (10 destructive changes)');
    expect(summaryText(presentApprovalThread(decided.approved, 'decided', {})!)).toBe('✅ Approved by @slack:U0ADMIN 2026-11-20 11:00 UTC');
    expect(summaryText(presentApprovalThread(decided.expired, 'expired', {})!)).toMatch(/^⌛ Expired/);
    expect(messageText(presentApprovalThread(decided.rejected, 'decided', { note: 'see <ticket> & log' })!)).toBe('❌ Rejected by @slack:U0ADMIN 2026-11-20 11:00 UTC — nothing was changed\n“keep <corp-old> & wait”\nsee <ticket> & log');
  });
  it('handles every event', () => {
    for (const event of APPROVAL_EVENTS) presentApprovalThread(decided.approved, event, {});
  });
});

describe('presentApproval: who', () => {
  it('names the first ten users a pending request touches (display name and DN), then how many more', () => {
    const m = presentApproval(approval({ kind: 'apply_batch', integration: 'corp-ad', changes: { items: changeItems(10), total: 640 } }), { now });
    const lines = text(m);
    const at = lines.indexOf('*What approving it does:*');
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at + 1, at + 3)).toEqual([
      '• (no display name) (`CN=User 0,CN=Svc <b>&Sync,OU=Docs/KB,DC=corp,DC=example`): removed from group Staff_0',
      '• User <1> & *co* (`CN=User 1,CN=Svc <b>&Sync,OU=Docs/KB,DC=corp,DC=example`): address type becomes message in transit',
    ]);
    expect(lines[at + 11]).toBe("…and 630 more — the dashboard's approval page lists them all");
  });

  it('says what deleting removes, and nothing of the kind once settled or when nothing is named', () => {
    expect(messageText(presentApproval(approval({ changes: { items: changeItems(2), total: 2 } }), { now }))).toContain('*What deleting it removes:*');
    expect(messageText(presentApproval(approval({ changes: { items: changeItems(2), total: 2 } }), { now }))).not.toContain('more');
    expect(messageText(presentApproval(approval({ changes: { items: [], total: 0 } }), { now }))).not.toContain('What deleting');
  });
});
