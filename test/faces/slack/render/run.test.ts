import { describe, expect, it } from 'vitest';
import { renderRun } from '../../../../src/faces/slack/render/run.ts';
import { checklistFor } from '../../../../src/core/failures.ts';
import { byKind, runFailure, runView } from '../../../support/chat-results.ts';
import { actionBlocks, allText, sectionTexts, withinLimits } from './slack-limits.ts';

const NOTHING = 'Nothing destructive was derived from this run.';

describe('renderRun', () => {
  it('shows a queued and a running sync, with who started it', () => {
    const queued = withinLimits(renderRun(runView({ status: 'queued', startedAt: null, finishedAt: null, durationMs: null, counts: null, destructive: null })));
    expect(sectionTexts(queued)[0]).toBe('⏳ Sync #42 of *corp-ad* queued');
    expect(allText(queued)).toContain('manual by <@U024BE7LH>');
    const running = withinLimits(renderRun(runView({ status: 'running', entriesRead: 1250, counts: null, destructive: null })));
    expect(sectionTexts(running)[0]).toBe('🔄 Sync #42 of *corp-ad* running — 1,250 entries read');
    const guided = withinLimits(renderRun({ ...runView({ status: 'running', entriesRead: 1250 }), expectedEntries: 5000 }));
    expect(sectionTexts(guided)[0]).toContain('the last good sync read 5,000');
    expect(allText(withinLimits(renderRun(runView({ status: 'queued', trigger: 'schedule', actor: 'system:scheduler' }))))).toContain('scheduled');
  });

  it('counts users, groups and memberships of a successful sync', () => {
    const message = withinLimits(renderRun(runView({ counts: { ...runView().counts!, skipped: 2 } })));
    const text = allText(message);
    expect(sectionTexts(message)[0]).toBe('✅ Sync #42 of *corp-ad* succeeded in 12.3 s');
    expect(text).toContain('*Users*\n3 added, 1 updated, 0 restored, 1,196 unchanged');
    expect(text).toContain('*Groups*\n1 added, 0 updated, 0 restored, 40 unchanged');
    expect(text).toContain('*Memberships*\n12 added, 3,000 unchanged');
    expect(text).toContain('2 users without a unique id skipped');
    expect(text).toContain('*Destructive changes:* 0 applied');
    expect(actionBlocks(message)).toEqual([]);
  });

  it('says what was applied, what is held and by whom, and what waits for which approval', () => {
    const message = withinLimits(renderRun(runView({
      destructive: { applied: 2, held: 5, awaitingApproval: 640, byKind: { applied: byKind({ remove_membership: 2 }), held: byKind({ delete_user: 5 }), awaitingApproval: byKind({ remove_membership: 600, delete_user: 40 }) } },
      blockedBy: ['corp-old', 'lab'],
      approvalRequest: 12,
    })));
    const text = allText(message);
    expect(text).toContain('2 applied (2 group removals)');
    expect(text).toContain('*5 held* (5 user deletions) while *corp-old*, *lab* are disabled or in error');
    expect(text).toContain('*640 wait* (600 group removals, 40 user deletions) for approval request #12');
    expect(text).toContain('approve with `/dirsync approve 12`');
    expect(message.text).toContain('5 held, 640 awaiting approval');
  });

  it('lists addresses claimed by two users, at most a screenful, then "and N more"', () => {
    const duplicates = Array.from({ length: 300 }, (_, i) => ({ address: `user${i}@corp.example`, owner: `CN=Owner ${i} <x>,DC=corp`, claimant: `CN=Claimant ${i} & co,DC=corp` }));
    const message = withinLimits(renderRun(runView({ duplicates })));
    const text = allText(message);
    expect(text).toContain('300 addresses claimed by two users');
    expect(text).toContain('• `user0@corp.example`: owned by CN=Owner 0 &lt;x&gt;,DC=corp, also claimed by CN=Claimant 0 &amp; co,DC=corp');
    expect(text).toMatch(/…and 28\d more/);
  });

  it('explains a failed sync: class and reason, message, diagnostic, checklist, nothing destructive', () => {
    const message = withinLimits(renderRun(runView({ status: 'failed', counts: null, destructive: null, failure: runFailure() })));
    const text = allText(message);
    expect(text).toContain('❌ Sync #42 of *corp-ad* failed in 12.3 s');
    expect(text).toContain('*Failed at bind: credential / invalid_credentials*');
    expect(text).toContain('The directory rejected the bind DN or password. (Active Directory: data 52e)');
    expect(text).toContain('```80090308');
    checklistFor('invalid_credentials').forEach((_, i) => expect(text).toContain(`\n${i + 1}. `));
    expect(text).toContain(NOTHING);
    expect(message.text).toBe('Sync #42 of corp-ad failed: credential / invalid_credentials');
  });

  it('shows an unclassified error of a failed run, and a cancelled run', () => {
    const failed = withinLimits(renderRun(runView({ status: 'failed', counts: null, destructive: null, error: 'worker lost its lease <3 times>' })));
    expect(allText(failed)).toContain('failed in 12.3 s: worker lost its lease &lt;3 times&gt;');
    expect(allText(failed)).toContain(NOTHING);
    const cancelled = withinLimits(renderRun(runView({ status: 'cancelled', counts: null, destructive: null })));
    expect(sectionTexts(cancelled)[0]).toContain('🚫 Sync #42 of *corp-ad* cancelled');
  });
});
