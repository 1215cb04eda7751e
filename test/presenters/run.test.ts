import { describe, expect, it } from 'vitest';
import { presentRun, presentRuns } from '../../src/presenters/run.ts';
import { checklistFor } from '../../src/core/failures.ts';
import { NOTHING_DESTRUCTIVE } from '../../src/presenters/words.ts';
import { RUNS } from '../support/all-messages.ts';
import { runFailure, runView } from '../support/chat-results.ts';
import { messageText, partsOf, summaryText } from '../support/message-text.ts';

const text = (m: Parameters<typeof messageText>[0]) => messageText(m).split('\n');

describe('presentRun', () => {
  it('says how the run read: a delta and its method, or a full read and why a delta was not possible', () => {
    expect(text(presentRun(runView({ mode: 'delta', deltaMethod: 'usn' }))).at(-1)).toMatch(/ · delta \(usn\)\)$/);
    expect(text(presentRun(runView({ mode: 'full', fallbackReason: "the domain controller's invocationId differs" }))).at(-1)).toMatch(/ · full read \(a delta was asked for: the domain controller's invocationId differs\)\)$/);
  });

  it('shows a queued and a running sync, with who started it and the last good read as a yardstick', () => {
    expect(text(presentRun(RUNS[0]!))).toEqual(['⏳ Sync #42 of *corp-ad* queued', '(manual by @slack:U024BE7LH · queued 2026-11-20 11:00 UTC)']);
    expect(text(presentRun(RUNS[1]!))[0]).toBe('🔄 Sync #42 of *corp-ad* running — 1,250 entries read (the last good sync read 5,000)');
    expect(text(presentRun(runView({ status: 'queued', trigger: 'schedule', actor: 'system:scheduler' })))[1]).toMatch(/^\(scheduled · queued/);
    expect(summaryText(presentRun(RUNS[1]!))).toBe('Sync #42 of corp-ad running');
  });

  it('counts users, groups and memberships of a successful sync, in good tone, without buttons', () => {
    const m = presentRun(RUNS[2]!);
    expect(text(m)).toEqual([
      '✅ Sync #42 of *corp-ad* succeeded in 12.3 s',
      'Users: 3 added, 1 updated, 0 restored, 1,196 unchanged; 2 users without a unique id skipped',
      'Groups: 1 added, 0 updated, 0 restored, 40 unchanged',
      'Memberships: 12 added, 3,000 unchanged',
      '*Destructive changes:* 0 applied',
      '(manual by @slack:U024BE7LH · queued 2026-11-20 11:00 UTC · started 2026-11-20 11:00 UTC)',
    ]);
    expect(partsOf(m, 'text')[0]!.tone).toBe('good');
    expect(m.buttons).toEqual([]);
  });

  it('says what was applied, what is held and by whom, and what waits for which approval', () => {
    const m = presentRun(RUNS[3]!);
    expect(text(m).slice(4, 7)).toEqual([
      '*Destructive changes:* 2 applied (2 group removals)',
      '⏸ *5 held* (5 user deletions) while *corp-old*, *lab* are disabled or in error: they apply once they recover.',
      '🗳 *640 wait* (600 group removals, 40 user deletions) for approval request #12: another admin can approve with ⟨approve 12⟩.',
    ]);
    expect(summaryText(m)).toBe('Sync #42 of corp-ad succeeded: 5 held, 640 awaiting approval');
  });

  it('lists addresses claimed by two users, at most 15, then how many more', () => {
    const m = presentRun(RUNS[4]!);
    const [dupes] = partsOf(m, 'list');
    expect(dupes).toMatchObject({ max: 15, tone: 'warning' });
    expect(text(m)).toContain('⚠️ *300 addresses claimed by two users* (the owner keeps it):');
    expect(text(m)).toContain('• `user_0@corp.example`: owned by CN=Owner 0 <x>,DC=corp (integration corp-ad), also claimed by CN=Claimant 0 & co,DC=corp (integration hq)');
    expect(text(m)).toContain('…and 285 more');
  });

  it('explains a failed sync: class and reason, message, diagnostic, checklist, nothing destructive', () => {
    const m = presentRun(RUNS[5]!);
    expect(text(m).slice(0, 4)).toEqual(['❌ Sync #42 of *corp-ad* failed in 12.3 s', '*Failed at bind: credential / invalid_credentials*', 'The directory rejected the bind DN or password. (Active Directory: data 52e)', `Diagnostic: ${runFailure().diagnostic}`]);
    expect(text(m)).toContain(`${checklistFor('invalid_credentials').length}. ${checklistFor('invalid_credentials').at(-1)}`);
    expect(text(m)).toContain(NOTHING_DESTRUCTIVE);
    expect(partsOf(m, 'group')[0]!.tone).toBe('bad');
    expect(summaryText(m)).toBe('Sync #42 of corp-ad failed: credential / invalid_credentials');
  });

  it('shows an unclassified error of a failed run, and a cancelled run', () => {
    const failed = presentRun(runView({ status: 'failed', counts: null, destructive: null, error: 'worker lost its lease <3 times>' }));
    expect(text(failed).slice(0, 2)).toEqual(['❌ Sync #42 of *corp-ad* failed in 12.3 s: worker lost its lease <3 times>', NOTHING_DESTRUCTIVE]);
    expect(partsOf(failed, 'text')[0]!.tone).toBe('bad');
    expect(text(presentRun(runView({ status: 'failed', counts: null, destructive: null, error: 'x'.repeat(3000) })))[0]).toMatch(/x…$/);
    expect(text(presentRun(RUNS[7]!))[0]).toBe('🚫 Sync #42 of *corp-ad* cancelled.');
  });
});

describe('presentRuns', () => {
  it('is the run itself for one run', () => {
    expect(presentRuns([{ ...runView(), expectedEntries: null }])).toEqual(presentRun({ ...runView(), expectedEntries: null }));
  });
  it('puts every run of a sync all under a progress line, each its own separated group', () => {
    const runs = [runView(), runView({ run: 43, integration: 'hq', status: 'running', counts: null, destructive: null }), runView({ run: 44, integration: 'lab', status: 'failed', counts: null, destructive: null, failure: runFailure() })].map((r) => ({ ...r, expectedEntries: null }));
    const m = presentRuns(runs);
    expect(text(m)[0]).toBe('*Sync all:* 2 of 3 runs finished');
    expect(m.parts.slice(1).map((p) => p.kind === 'group' && p.separated)).toEqual([true, true, true]);
    expect(summaryText(m)).toBe('Sync all: 2 of 3 finished. Sync #42 of corp-ad succeeded Sync #43 of hq running Sync #44 of lab failed: credential / invalid_credentials');
  });
});
