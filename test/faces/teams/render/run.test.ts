import { describe, expect, it } from 'vitest';
import { renderRun, renderRuns } from '../../../../src/faces/teams/render/run.ts';
import { checklistFor } from '../../../../src/core/failures.ts';
import { byKind, runFailure, runView } from '../../../support/chat-results.ts';
import { actions, allText, readable, textBlocks, withinLimits } from './card-limits.ts';

const NOTHING = 'Nothing destructive was derived from this run.';
const progress = (over: Parameters<typeof runView>[0] = {}) => ({ ...runView(over), expectedEntries: null });

describe('renderRun', () => {
  it('shows a queued and a running sync, with who started it', () => {
    const queued = withinLimits(renderRun(runView({ status: 'queued', startedAt: null, finishedAt: null, durationMs: null, counts: null, destructive: null })));
    expect(textBlocks(queued)[0]).toBe('⏳ Sync #42 of **corp-ad** queued');
    expect(readable(queued)).toContain('manual by Slack user U024BE7LH · queued ⌚');
    const running = withinLimits(renderRun(runView({ status: 'running', entriesRead: 1250, counts: null, destructive: null })));
    expect(textBlocks(running)[0]).toBe('🔄 Sync #42 of **corp-ad** running — 1,250 entries read');
    const guided = withinLimits(renderRun({ ...runView({ status: 'running', entriesRead: 1250 }), expectedEntries: 5000 }));
    expect(textBlocks(guided)[0]).toContain('the last good sync read 5,000');
    expect(readable(withinLimits(renderRun(runView({ status: 'queued', trigger: 'schedule', actor: 'system:scheduler' }))))).toContain('scheduled');
    const teams = 'teams:00000000-0000-0000-0000-00000000b0b0';
    expect(readable(withinLimits(renderRun(runView({ actor: teams, trigger: 'sync_all' }), { names: { [teams]: 'Bob' } })))).toContain('sync all by Bob');
  });

  it('counts users, groups and memberships of a successful sync', () => {
    const message = withinLimits(renderRun(runView({ counts: { ...runView().counts!, skipped: 2 } })));
    const text = allText(message);
    expect(textBlocks(message)[0]).toBe('✅ Sync #42 of **corp-ad** succeeded in 12.3 s');
    expect(text).toContain('Users: 3 added, 1 updated, 0 restored, 1,196 unchanged; 2 users without a unique id skipped');
    expect(text).toContain('Groups: 1 added, 0 updated, 0 restored, 40 unchanged');
    expect(text).toContain('Memberships: 12 added, 3,000 unchanged');
    expect(text).toContain('**Destructive changes:** 0 applied');
    expect(actions(message)).toEqual([]);
  });

  it('says what was applied, what is held and by whom, and what waits for which approval', () => {
    const message = withinLimits(renderRun(runView({
      destructive: { applied: 2, held: 5, awaitingApproval: 640, byKind: { applied: byKind({ remove_membership: 2 }), held: byKind({ delete_user: 5 }), awaitingApproval: byKind({ remove_membership: 600, delete_user: 40 }) } },
      blockedBy: ['corp-old', 'lab'],
      approvalRequest: 12,
    })));
    const text = readable(message);
    expect(text).toContain('2 applied (2 group removals)');
    expect(text).toContain('⏸ 5 held (5 user deletions) while corp-old, lab are disabled or in error: they apply once they recover.');
    expect(text).toContain('🗳 640 wait (600 group removals, 40 user deletions) for approval request #12: another admin can approve with @dirsync approve 12.');
    expect(message.summary).toBe('Sync #42 of corp-ad succeeded: 5 held, 640 awaiting approval');
  });

  it('lists addresses claimed by two users, at most a screenful, then "and N more"', () => {
    const duplicates = Array.from({ length: 300 }, (_, i) => ({ address: `user_${i}@corp.example`, owner: `CN=Owner ${i} <x>,DC=corp`, claimant: `CN=Claimant ${i} & co,DC=corp` }));
    const message = withinLimits(renderRun(runView({ duplicates })));
    const text = readable(message);
    expect(text).toContain('⚠️ 300 addresses claimed by two users (the owner keeps it):');
    expect(text).toContain('• user_0@corp.example: owned by CN=Owner 0 <x>,DC=corp, also claimed by CN=Claimant 0 & co,DC=corp');
    expect(text).toMatch(/…and 28\d more/);
  });

  it('explains a failed sync: class and reason, message, diagnostic, checklist, nothing destructive', () => {
    const message = withinLimits(renderRun(runView({ status: 'failed', counts: null, destructive: null, failure: runFailure() })));
    const text = readable(message);
    expect(text).toContain('❌ Sync #42 of corp-ad failed in 12.3 s\n\nFailed at bind: credential / invalid_credentials');
    expect(text).toContain('The directory rejected the bind DN or password. (Active Directory: data 52e)');
    expect(text).toContain('80090308: LdapErr');
    expect(text).toContain(checklistFor('invalid_credentials').map((item, i) => `${i + 1}. ${item}`).join('\n'));
    expect(text).toContain(NOTHING);
    expect(message.summary).toBe('Sync #42 of corp-ad failed: credential / invalid_credentials');
  });

  it('shows an unclassified error of a failed run, and a cancelled run', () => {
    const failed = withinLimits(renderRun(runView({ status: 'failed', counts: null, destructive: null, error: 'worker lost its lease <3 times>' })));
    expect(readable(failed)).toContain(`failed in 12.3 s: worker lost its lease <3 times>\n\n${NOTHING}`);
    const cancelled = withinLimits(renderRun(runView({ status: 'cancelled', counts: null, destructive: null })));
    expect(textBlocks(cancelled)[0]).toBe('🚫 Sync #42 of **corp-ad** cancelled.');
  });
});

describe('renderRuns', () => {
  it('is the run itself for one run', () => {
    expect(withinLimits(renderRuns([progress()]))).toEqual(renderRun(progress()));
  });

  it('puts every run of a sync all under a progress line, each part separated', () => {
    const runs = [progress(), progress({ run: 43, integration: 'hq', status: 'running', counts: null, destructive: null }), progress({ run: 44, integration: 'lab', status: 'failed', counts: null, destructive: null, failure: runFailure() })];
    const message = withinLimits(renderRuns(runs));
    expect(textBlocks(message)[0]).toBe('**Sync all:** 2 of 3 runs finished');
    const body = message.card.body as Record<string, unknown>[];
    expect(body.slice(1).every((e) => e.type === 'Container' && e.separator === true)).toBe(true);
    expect(message.summary).toMatch(/^Sync all: 2 of 3 finished\. Sync #42 of corp-ad succeeded Sync #43 of hq running Sync #44 of lab failed/);
  });

  it('keeps a sync all of a hundred failed runs under the size limit, dropping whole runs from the end', () => {
    const runs = Array.from({ length: 100 }, (_, i) => progress({ run: i + 1, integration: `dir-${i}`, status: 'failed', counts: null, destructive: null, failure: runFailure() }));
    const message = withinLimits(renderRuns(runs));
    const texts = textBlocks(message);
    expect(texts.at(-1)).toMatch(/^…and \d+ more not shown: too long for one Teams message\.$/);
    expect(texts.filter((t) => t.startsWith('❌ Sync #')).length).toBeGreaterThan(3);
  });
});
