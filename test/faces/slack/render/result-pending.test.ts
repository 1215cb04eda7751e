import { describe, expect, it } from 'vitest';
import { renderPending } from '../../../../src/faces/slack/render/result-pending.ts';
import { approval, byKind, emptyPending, heldChange, hoursAgo, iso, NASTY_DN, type Pending } from '../../../support/chat-results.ts';
import { allText, sectionTexts, withinLimits } from './slack-limits.ts';

const { id, kind, integration, requestedBy, impact } = approval();
const openRequest = { id, kind, integration, requestedBy, requestedAt: iso(hoursAgo(2)), expiresAt: iso(hoursAgo(-22)), impact };

describe('renderPending', () => {
  it('says nothing is pending when every list is empty', () => {
    expect(sectionTexts(withinLimits(renderPending(null, emptyPending)))[0]).toMatch(/^✅ Nothing is pending:/);
    expect(sectionTexts(withinLimits(renderPending('corp-ad', emptyPending)))[0]).toMatch(/^✅ Nothing is pending for \*corp-ad\*:/);
  });

  it('shows held and awaiting groups with totals per kind and what blocks them, for how long', () => {
    const pending: Pending = {
      ...emptyPending,
      changes: [
        heldChange(1),
        heldChange(2, { blockedBy: [{ name: 'lab', state: 'error', since: iso(hoursAgo(5)), hours: 5 }, { name: 'gone', state: 'enabled', since: null, hours: null }] }),
        heldChange(3, { status: 'awaiting_approval', total: 640, byKind: byKind({ remove_membership: 600, delete_user: 40 }), blockedBy: [], approvalRequest: 12 }),
      ],
    };
    const text = allText(withinLimits(renderPending(null, pending)));
    expect(text).toContain('*⏸ Held: 74 destructive changes* (14 group removals, 60 address-type changes)');
    expect(text).toMatch(/• \*site-1\*: 37 \(7 group removals, 30 address-type changes\) since <!date[^>]+> — blocked by \*corp-old\* \(disabled for 9 days since <!date[^>]+>\)$/m);
    expect(text).toMatch(/blocked by \*lab\* \(in error for 5 hours since <!date[^>]+>\), \*gone\* \(enabled again/);
    expect(text).toContain('*🗳 Awaiting approval: 640 destructive changes* (600 group removals, 40 user deletions)');
    expect(text).toContain('approval #12: `/dirsync approve 12`');
  });

  it('lists open requests, lingering integrations and expiring certificates', () => {
    const pending: Pending = {
      ...emptyPending,
      approvals: [openRequest],
      lingering: [{ integration: 'corp-old', state: 'disabled', since: iso(hoursAgo(216)), hours: 216, blocks: { total: 37, byKind: byKind({ remove_membership: 37 }), integrations: ['corp-ad', 'hq'] } }],
      certificates: [{ integration: 'corp-ad', subject: NASTY_DN, notAfter: '2026-11-25T00:00:00.000Z', daysLeft: 4 }],
    };
    const text = allText(withinLimits(renderPending(null, pending)));
    expect(text).toMatch(/• #12 delete integration \*corp-old\* \(1,200 users, 40 groups, 3,000 memberships\) — requested by <@U0REQUESTER> <!date[^>]+>, expires <!date/);
    expect(text).toContain('• *corp-old* has been disabled for 9 days, blocking 37 destructive changes in *corp-ad*, *hq*');
    expect(text).toContain('• *corp-ad*: CN=Svc &lt;b&gt;&amp;Sync,OU=Docs/KB,DC=corp,DC=example expires in 4 days (2026-11-25)');
  });

  it('stays within Slack limits with 500 held groups, and says how many more there are', () => {
    const pending: Pending = {
      changes: Array.from({ length: 500 }, (_, i) => heldChange(i, { blockedBy: [{ name: `blocker-${i}-with-a-long-name`, state: 'error', since: iso(hoursAgo(30)), hours: 30 }, { name: 'corp-old', state: 'disabled', since: iso(hoursAgo(216)), hours: 216 }] })),
      approvals: Array.from({ length: 100 }, (_, i) => ({ ...openRequest, id: i + 1 })),
      lingering: [],
      certificates: [],
    };
    const message = withinLimits(renderPending(null, pending));
    const text = allText(message);
    expect(text).toContain('*⏸ Held: 18,500 destructive changes*');
    expect(text).toMatch(/…and 4\d\d more — `\/dirsync pending &lt;name&gt;` shows one integration/);
    expect(text).toMatch(/…and [789]\d more/);
    expect(text).not.toContain('more not shown');
    expect(message.blocks.length).toBeLessThanOrEqual(50);
  });
});
