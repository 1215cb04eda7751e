import { describe, expect, it } from 'vitest';
import { renderHistory } from '../../../../src/faces/slack/render/result-history.ts';
import { byKind, hoursAgo, iso, runFailure, runView } from '../../../support/chat-results.ts';
import { allText, sectionTexts, withinLimits } from './slack-limits.ts';

describe('renderHistory', () => {
  it('shows each run with when, trigger, status, duration, user counts, destructive counts and failure', () => {
    const runs = [
      runView({ destructive: { applied: 1, held: 5, awaitingApproval: 640, byKind: { applied: byKind({ delete_user: 1 }), held: byKind({ delete_user: 5 }), awaitingApproval: byKind({ remove_membership: 640 }) } } }),
      runView({ run: 41, trigger: 'schedule', actor: 'system:scheduler', status: 'failed', counts: null, destructive: null, failure: runFailure() }),
      runView({ run: 40, trigger: 'sync_all', actor: 'cli:alice', status: 'failed', counts: null, destructive: null, error: 'lease <lost> & retried' }),
    ];
    const message = withinLimits(renderHistory({ integration: 'corp-ad', runs }));
    const [first, second, third] = sectionTexts(message)[0]!.split('\n');
    expect(first).toMatch(/^✅ \*#42\* <!date[^>]+> · manual by <@U024BE7LH> · succeeded in 12\.3 s · users \+3 ~1 =1,196 · destructive 1 applied, 5 held, 640 awaiting approval$/);
    expect(second).toMatch(/^❌ \*#41\* <!date[^>]+> · scheduled · failed in 12\.3 s · credential \/ invalid_credentials$/);
    expect(third).toContain('sync all by cli:alice · failed in 12.3 s · lease &lt;lost&gt; &amp; retried');
    expect(message.text).toBe('Sync history of corp-ad: last 3 runs, 2 failed');
  });

  it('says how to start a first sync when there is no run', () => {
    expect(allText(withinLimits(renderHistory({ integration: 'corp-ad', runs: [] })))).toContain('*corp-ad* has not been synced yet: `/dirsync sync corp-ad` starts one.');
  });

  it('stays within Slack limits with 200 runs, and says how many more there are', () => {
    const runs = Array.from({ length: 200 }, (_, i) =>
      runView({ run: 200 - i, startedAt: iso(hoursAgo(i * 5)), ...(i % 2 ? { status: 'failed', counts: null, destructive: null, failure: runFailure() } : {}) }),
    );
    const message = withinLimits(renderHistory({ integration: 'corp-ad', runs }));
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(allText(message)).toMatch(/…and 1[789]\d more$/m);
  });
});
