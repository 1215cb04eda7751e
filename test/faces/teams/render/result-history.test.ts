import { describe, expect, it } from 'vitest';
import { renderHistory } from '../../../../src/faces/teams/render/result-history.ts';
import { byKind, hoursAgo, iso, runFailure, runView } from '../../../support/chat-results.ts';
import { allText, readable, textBlocks, withinLimits } from './card-limits.ts';

describe('renderHistory', () => {
  it('shows each run with when, trigger, status, duration, user counts, destructive counts and failure', () => {
    const runs = [
      runView({ actor: 'teams:00000000-0000-0000-0000-0000000b0b01', destructive: { applied: 1, held: 5, awaitingApproval: 640, byKind: { applied: byKind({ delete_user: 1 }), held: byKind({ delete_user: 5 }), awaitingApproval: byKind({ remove_membership: 640 }) } } }),
      runView({ run: 41, trigger: 'schedule', actor: 'system:scheduler', status: 'failed', counts: null, destructive: null, failure: runFailure() }),
      runView({ run: 40, trigger: 'sync_all', actor: 'cli:alice', status: 'failed', counts: null, destructive: null, error: 'lease <lost> & retried' }),
    ];
    const message = withinLimits(renderHistory({ integration: 'corp-ad', runs }, { names: { 'teams:00000000-0000-0000-0000-0000000b0b01': 'Bob' } }));
    const [heading, first, second, third] = textBlocks(message);
    expect(heading).toBe('Sync history of corp-ad');
    expect(first).toBe(`✅ **#42** {{DATE(${iso(hoursAgo(1)).replace('.000', '')}, SHORT)}} {{TIME(${iso(hoursAgo(1)).replace('.000', '')})}} · manual by Bob · succeeded in 12.3 s · users +3 ~1 =1,196 · destructive 1 applied, 5 held, 640 awaiting approval`);
    expect(second).toMatch(/^❌ \*\*#41\*\* \{\{DATE\([^)]+\)\}\} \{\{TIME\([^)]+\)\}\} · scheduled · failed in 12\.3 s · credential \/ invalid_credentials$/);
    expect(third).toContain('sync all by alice (CLI) · failed in 12.3 s · lease \\<lost\\> & retried');
    expect(message.summary).toBe('Sync history of corp-ad: last 3 runs, 2 failed');
  });

  it('says how to start a first sync when there is no run', () => {
    expect(allText(withinLimits(renderHistory({ integration: 'corp-ad', runs: [] })))).toBe('**corp-ad** has not been synced yet: **@dirsync sync corp-ad** starts one.');
  });

  it('stays under the size limit with 200 runs, and says how many more there are', () => {
    const runs = Array.from({ length: 200 }, (_, i) =>
      runView({ run: 200 - i, startedAt: iso(hoursAgo(i * 5)), ...(i % 2 ? { status: 'failed', counts: null, destructive: null, failure: runFailure() } : {}) }),
    );
    const message = withinLimits(renderHistory({ integration: 'corp-ad', runs }));
    expect(textBlocks(message).at(-1)).toMatch(/^…and 1[789]\d more$/);
    expect(readable(message)).not.toContain('more not shown');
  });
});
