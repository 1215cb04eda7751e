import { describe, expect, it } from 'vitest';
import { presentChatResult } from '../support/chat-result.ts';
import { presentPending } from '../../src/presenters/pending.ts';
import { presentTestReport } from '../../src/presenters/test-report.ts';
import { checklistFor, EXPLANATIONS } from '../../src/core/failures.ts';
import { CHAT_RESULTS, hugePending, pendingOfEveryKind } from '../support/all-messages.ts';
import { runFailure, testReport } from '../support/chat-results.ts';
import { messageText, partsOf, summaryText } from '../support/message-text.ts';

describe('pending', () => {
  it('shows held and awaiting groups with totals per kind, what blocks them and for how long', () => {
    const m = presentPending(null, pendingOfEveryKind());
    expect(messageText(m).split('\n')).toEqual([
      '*⏸ Held: 74 destructive changes* (14 group removals, 60 address-type changes)',
      '• *site-1*: 37 (7 group removals, 30 address-type changes) since 2026-11-18 12:00 UTC — blocked by *corp-old* (disabled for 9 days since 2026-11-11 12:00 UTC)',
      '• *site-2*: 37 (7 group removals, 30 address-type changes) since 2026-11-18 12:00 UTC — blocked by *lab* (in error for 5 hours since 2026-11-20 07:00 UTC: sync #41 failed: connection/connection_refused), *gone* (enabled again; it blocks until its next successful sync; disabled because: migrating to the new forest)',
      '*🗳 Awaiting approval: 640 destructive changes* (600 group removals, 40 user deletions)',
      '• *site-3*: 640 (600 group removals, 40 user deletions) since 2026-11-18 12:00 UTC — approval #12: ⟨approve 12⟩',
      '(⟨pending <name>⟩ names who each change touches.)',
      '*Open approval requests: 1*',
      '• #12 delete integration *corp-old* (1,200 users, 40 groups, 3,000 memberships) — requested by @slack:U0REQUESTER 2026-11-20 10:00 UTC, expires 2026-11-21 10:00 UTC',
      '*⚠️ Lingering integrations: 1*',
      '• *corp-old* has been disabled for 9 days, blocking 37 destructive changes in *corp-ad*, *hq*',
      '*🔐 Expiring certificates: 1*',
      '• *corp-ad*: CN=Svc <b>&Sync,OU=Docs/KB,DC=corp,DC=example expires in 4 days (2026-11-25)',
    ]);
    expect(summaryText(m)).toBe('Pending: 74 held, 640 awaiting approval, 1 open request');
  });

  it('says nothing is pending, for one integration too', () => {
    const one = presentChatResult(CHAT_RESULTS.pending[1]!);
    expect(messageText(one)).toBe('✅ Nothing is pending for *corp_ad*: no held changes, no open approval requests, no lingering integrations, no expiring certificates.');
    expect(summaryText(one)).toBe('Nothing is pending for corp_ad');
  });

  it('shows at most 25 of each list, says how many more, and where to see one integration', () => {
    const m = presentPending(null, hugePending());
    const lists = partsOf(m, 'list');
    expect(lists.map((l) => l.max)).toEqual([25, 25, 25, 25]);
    const text = messageText(m);
    expect(text).toContain('*⏸ Held: 18,500 destructive changes* (3,500 group removals, 15,000 address-type changes)');
    expect(text).toContain('…and 475 more — ⟨pending <name>⟩ shows one integration');
    expect(text).toContain('…and 75 more — ⟨pending <name>⟩ shows one integration');
    expect(text).toContain('• *old-0* has been in error for 9 days, blocking 37 destructive changes in *site-0*, *site-1*, *site-2*, *site-3*, *site-4* and 25 more');
    expect(messageText(presentPending('x', hugePending()))).not.toContain('shows one integration');
  });
});

describe('history', () => {
  it('shows each run with when, trigger, status, duration, user counts, destructive counts and failure', () => {
    const text = messageText(presentChatResult(CHAT_RESULTS.history[0]!)).split('\n');
    expect(text).toEqual([
      '# Sync history of corp-ad',
      '✅ *#42* 2026-11-20 11:00 UTC · manual by @slack:U024BE7LH on the server · succeeded in 12.3 s · users +3 ~1 =1,196 · destructive 0 applied, 0 held, 0 awaiting approval',
      '❌ *#41* 2026-11-20 11:00 UTC · manual by @slack:U024BE7LH on dirsync agent · failed in 12.3 s · credential / invalid_credentials',
      '❌ *#40* 2026-11-20 11:00 UTC · sync all by @cli:alice · failed in 12.3 s · lease a <b>&c *d* _e_ `f` [g](h) {{DATE(x)}} <!channel> <@U1>',
    ]);
    expect(summaryText(presentChatResult(CHAT_RESULTS.history[0]!))).toBe('Sync history of corp-ad: last 3 runs, 2 failed');
  });
  it('says how to start a first sync, and stops at 30 runs', () => {
    expect(messageText(presentChatResult(CHAT_RESULTS.history[1]!))).toBe('*corp-ad* has not been synced yet: ⟨sync corp-ad⟩ starts one.');
    expect(messageText(presentChatResult(CHAT_RESULTS.history[2]!)).split('\n').at(-1)).toBe('…and 170 more');
  });
});

describe('test report', () => {
  it('lists every stage with its mark, time and detail, and the certificate', () => {
    const m = presentTestReport(testReport());
    const text = messageText(m).split('\n');
    expect(text[0]).toBe('# ✅ corp-ad: connection test passed with 1 warning');
    expect(text[1]).toBe('✅ *dns* 12 ms — dc1.corp.example → 192.0.2.5');
    expect(text[3]).toBe('⚠️ *tls* 40 ms — TLSv1.3, certificate CN=Svc <b>&Sync,OU=Docs/KB,DC=corp,DC=example expires in 12 days (2026-12-02): renew it');
    expect(text.at(-1)).toBe('(🔐 Certificate CN=dc1.corp.example, issued by CN=Corp <Issuing> CA & Co, expires in 12 days (2026-12-02))');
    expect(partsOf(m, 'heading')[0]!.tone).toBeUndefined();
    expect(summaryText(m)).toBe('✅ corp-ad: connection test passed with 1 warning');
  });

  it('says where it failed, why and what to check; skipped stages have no time', () => {
    const stages = testReport().stages.map((s) => (s.name === 'bind' ? { ...s, status: 'fail' as const, detail: 'invalid credentials (data 52e)' } : ['search'].includes(s.name) ? { ...s, status: 'skipped' as const, detail: '' } : s));
    const m = presentTestReport(testReport({ ok: false, stages, failure: { ...runFailure(), stage: 'bind' }, certificate: null }));
    const text = messageText(m).split('\n');
    expect(text[0]).toBe('# ❌ corp-ad: connection test failed at bind');
    expect(partsOf(m, 'heading')[0]!.tone).toBe('bad');
    expect(text).toContain('❌ *bind* 20 ms — invalid credentials (data 52e)');
    expect(text).toContain('▫️ *search*');
    expect(text.slice(9)).toEqual([
      '*Failed at bind: credential / invalid_credentials*',
      `${EXPLANATIONS.invalid_credentials} (Active Directory: data 52e)`,
      `Diagnostic: ${runFailure().diagnostic}`,
      'What to check:',
      ...checklistFor('invalid_credentials').map((item, i) => `${i + 1}. ${item}`),
    ]);
    expect(partsOf(m, 'group')[0]!.tone).toBe('bad');
    expect(summaryText(m)).toBe(`❌ corp-ad: connection test failed at bind: credential / invalid_credentials. ${EXPLANATIONS.invalid_credentials} (Active Directory: data 52e)`);
  });

  it('leaves out an empty diagnostic and an empty checklist, and prints explanation and message when they differ', () => {
    const bare = presentTestReport(testReport({ ok: false, failure: { ...runFailure({ diagnostic: '', checklist: [], message: 'the DC said no' }), stage: 'bind' } }));
    expect(partsOf(bare, 'diagnostic')).toEqual([]);
    expect(partsOf(bare, 'steps')).toEqual([]);
    expect(messageText(bare)).toContain(`${EXPLANATIONS.invalid_credentials}\nthe DC said no`);
  });
});

describe('pending: who', () => {
  it('for one integration, names the first ten a group of changes touches and how many more; for all, says how to see them', () => {
    const one = messageText(presentChatResult(CHAT_RESULTS.pending.at(-1)!)).split('\n');
    const at = one.indexOf('*Who — site-3, awaiting approval:*');
    expect(one[at + 1]).toBe('• (no display name) (`CN=User 0,CN=Svc <b>&Sync,OU=Docs/KB,DC=corp,DC=example`): removed from group Staff_0');
    expect(one[at + 11]).toBe('…and 630 more — `dirsync pending --json` lists them all');
    expect(one).toContain('*Who — site-3, held:*');
    expect(messageText(presentPending(null, pendingOfEveryKind()))).toContain('⟨pending <name>⟩ names who each change touches.');
  });
});
