import { describe, expect, it } from 'vitest';
import { renderPending } from '../../../../src/faces/teams/render/result-pending.ts';
import { approval, byKind, emptyPending, heldChange, hoursAgo, iso, NASTY_DN, type Pending } from '../../../support/chat-results.ts';
import { allText, readable, textBlocks, withinLimits } from './card-limits.ts';

const REQUESTER = 'teams:00000000-0000-0000-0000-000000c0ffee';
const { id, kind, integration, impact } = approval();
const openRequest = { id, kind, integration, requestedBy: REQUESTER, requestedAt: iso(hoursAgo(2)), expiresAt: iso(hoursAgo(-22)), impact };

describe('renderPending', () => {
  it('says nothing is pending when every list is empty', () => {
    expect(textBlocks(withinLimits(renderPending(null, emptyPending)))[0]).toMatch(/^✅ Nothing is pending: no held changes/);
    const one = withinLimits(renderPending('corp_ad', emptyPending));
    expect(textBlocks(one)[0]).toMatch(/^✅ Nothing is pending for \*\*corp_ad\*\*:/);
    expect(one.summary).toBe('Nothing is pending for corp_ad');
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
    const message = withinLimits(renderPending(null, pending));
    const text = readable(message);
    expect(text).toContain('⏸ Held: 74 destructive changes (14 group removals, 60 address-type changes)');
    expect(text).toContain('• site-1: 37 (7 group removals, 30 address-type changes) since ⌚ — blocked by corp-old (disabled for 9 days since ⌚)');
    expect(text).toContain('blocked by lab (in error for 5 hours since ⌚), gone (enabled again: they apply with the next successful sync)');
    expect(text).toContain('🗳 Awaiting approval: 640 destructive changes (600 group removals, 40 user deletions)');
    expect(allText(message)).toContain('approval #12: **@dirsync approve 12**');
    expect(message.summary).toBe('Pending: 74 held, 640 awaiting approval');
  });

  it('lists open requests with who asked, lingering integrations and expiring certificates', () => {
    const pending: Pending = {
      ...emptyPending,
      approvals: [openRequest],
      lingering: [{ integration: 'corp-old', state: 'disabled', since: iso(hoursAgo(216)), hours: 216, blocks: { total: 37, byKind: byKind({ remove_membership: 37 }), integrations: ['corp-ad', 'hq'] } }],
      certificates: [{ integration: 'corp-ad', subject: NASTY_DN, notAfter: '2026-11-25T00:00:00.000Z', daysLeft: 4 }],
    };
    const text = readable(withinLimits(renderPending(null, pending, { names: { [REQUESTER]: 'Rita Requester' } })));
    expect(text).toContain('• #12 delete integration corp-old (1,200 users, 40 groups, 3,000 memberships) — requested by Rita Requester ⌚, expires ⌚');
    expect(text).toContain('• corp-old has been disabled for 9 days, blocking 37 destructive changes in corp-ad, hq');
    expect(text).toContain('• corp-ad: CN=Svc <b>&Sync,OU=Docs/KB,DC=corp,DC=example expires in 4 days (2026-11-25)');
    expect(readable(withinLimits(renderPending(null, pending)))).toContain('requested by a Teams user (…c0ffee)');
  });

  it('stays under the size limit with 500 held groups, and says how many more there are', () => {
    const pending: Pending = {
      changes: Array.from({ length: 500 }, (_, i) => heldChange(i, { blockedBy: [{ name: `blocker-${i}-with-a-long-name`, state: 'error', since: iso(hoursAgo(30)), hours: 30 }, { name: 'corp-old', state: 'disabled', since: iso(hoursAgo(216)), hours: 216 }] })),
      approvals: Array.from({ length: 100 }, (_, i) => ({ ...openRequest, id: i + 1 })),
      lingering: [],
      certificates: [],
    };
    const message = withinLimits(renderPending(null, pending));
    const text = readable(message);
    expect(text).toContain('⏸ Held: 18,500 destructive changes');
    expect(text).toMatch(/…and 4\d\d more — @dirsync pending <name> shows one integration/);
    expect(textBlocks(message).at(-1)).toMatch(/^…and [789]\d more — /);
    expect(text).not.toContain('more not shown');
  });
});
