import { describe, expect, it } from 'vitest';
import { presentAlert, presentAlertThread } from '../../src/presenters/alert.ts';
import { ALERT_EVENTS } from '../../src/core/alerts.ts';
import { checklistFor, EXPLANATIONS } from '../../src/core/failures.ts';
import { CERTIFICATE_ADVICE } from '../../src/presenters/words.ts';
import { alert, certificateDetail, failureDetail, hoursAgo, lingeringDetail, now, runFailure } from '../support/chat-results.ts';
import { messageText, partsOf, summaryText } from '../support/message-text.ts';

const resolvedAt = { status: 'resolved' as const, resolvedAt: hoursAgo(0), resolution: 'sync #43 succeeded' };
const text = (m: Parameters<typeof messageText>[0]) => messageText(m).split('\n');

describe('failure alert', () => {
  it('says what broke, why, the raw diagnostic and the numbered checklist, with Test now and Sync now', () => {
    const m = presentAlert(alert(failureDetail()), { now });
    expect(text(m)).toEqual([
      '# 🔴 corp-ad: credential failure',
      `*invalid_credentials* (at bind)`,
      `${EXPLANATIONS.invalid_credentials} (Active Directory: data 52e)`,
      `Diagnostic: ${runFailure().diagnostic}`,
      'What to check:',
      ...checklistFor('invalid_credentials').map((item, i) => `${i + 1}. ${item}`),
      '(Seen 3 times since 2026-11-19 06:00 UTC, last 2026-11-20 11:00 UTC · Last failing run #41)',
      '[Test now → corp-ad]',
      '[Sync now → corp-ad]',
    ]);
    expect(partsOf(m, 'heading')[0]!.tone).toBe('bad');
    expect(partsOf(m, 'group')[0]!.tone).toBe('bad');
    expect(summaryText(m)).toBe(`🔴 corp-ad: credential failure: invalid_credentials. ${EXPLANATIONS.invalid_credentials} (Active Directory: data 52e)`);
  });

  it('once resolved, leads with the resolution, keeps the problem to one line and has no buttons', () => {
    const m = presentAlert(alert(failureDetail(), resolvedAt), { now });
    expect(text(m)).toEqual(['✅ Resolved: sync #43 succeeded 2026-11-20 12:00 UTC', '(Was: corp-ad: credential failure / invalid_credentials — seen 3 times, first 2026-11-19 06:00 UTC, last 2026-11-20 11:00 UTC)']);
    expect(partsOf(m, 'text')[0]).toMatchObject({ tone: 'good', strong: true });
    expect(m.buttons).toEqual([]);
  });
});

describe('lingering alert', () => {
  it('says how long, how much it blocks and where, with Delete… (which asks first), Re-enable and Snooze', () => {
    const m = presentAlert(alert(lingeringDetail(), { integration: 'corp-old' }), { now });
    expect(text(m)).toEqual([
      '⚠️ *corp-old* has been disabled for 9 days and is blocking 37 destructive changes in 2 integrations.',
      '• 7 group removals',
      '• 30 address-type changes',
      'Held in: *corp-ad*, *hq*',
      "*What to do:* re-enable it if it should sync again (⟨enable corp-old⟩), or delete it if it is gone for good — deleting needs another admin's approval. Until then every destructive change of this account stays held.",
      '(disabled since 2026-11-11 12:00 UTC · warned 3 times)',
      '[Delete… → corp-old] asks: This raises an approval request to delete *corp-old* and everything it synced. Nothing is deleted until another admin approves it.',
      '[Re-enable → corp-old]',
      '[Snooze 7 days → 7]',
    ]);
    expect(partsOf(m, 'text')[0]).toMatchObject({ tone: 'warning', strong: true });
    expect(summaryText(m)).toBe('⚠️ corp-old has been disabled for 9 days and is blocking 37 destructive changes in 2 integrations');
  });

  it('says it is snoozed, by whom and until when, only while it is', () => {
    expect(messageText(presentAlert(alert(lingeringDetail(), { snoozedUntil: hoursAgo(-48), snoozedBy: 'slack:U9' }), { now }))).toContain('(disabled since 2026-11-11 12:00 UTC · warned 3 times · 💤 snoozed until 2026-11-22 12:00 UTC by @slack:U9)');
    expect(messageText(presentAlert(alert(lingeringDetail(), { snoozedUntil: hoursAgo(1), snoozedBy: 'slack:U9' }), { now }))).not.toContain('snoozed');
  });

  it('says "in error" for an errored integration, and how long it lasted once resolved, without buttons', () => {
    const detail = lingeringDetail();
    if (detail.kind === 'lingering') detail.lingering.state = 'error';
    expect(text(presentAlert(alert(detail), { now }))[0]).toContain('has been in error for 9 days');
    const m = presentAlert(alert(lingeringDetail(), { ...resolvedAt, resolvedAt: hoursAgo(48), resolution: 'corp-old is enabled again' }), { now });
    expect(text(m)[0]).toBe('✅ Resolved: corp-old is enabled again 2026-11-18 12:00 UTC');
    expect(text(m)[1]).toMatch(/^\(Was: corp-old was disabled for 7 days and blocked 37 destructive changes in 2 integrations — seen 3 times/);
    expect(m.buttons).toEqual([]);
  });
});

describe('certificate alert', () => {
  it('says when the certificate expires, its subject and what to do, with Test now', () => {
    const m = presentAlert(alert(certificateDetail(12)), { now });
    expect(text(m)).toEqual([
      '⚠️ The LDAPS certificate of *corp-ad* expires in 12 days (2026-12-02).',
      'Subject: `CN=Svc <b>&Sync,OU=Docs/KB,DC=corp,DC=example`',
      `*What to do:* ${CERTIFICATE_ADVICE}`,
      '[Test now → corp-ad]',
    ]);
    expect(CERTIFICATE_ADVICE).toContain('NTDS\\Personal');
    expect(partsOf(m, 'text')[0]!.tone).toBe('warning');
  });
  it('says how long ago an expired one expired, in the tone of a fault, and has no buttons once resolved', () => {
    const expired = presentAlert(alert(certificateDetail(-3)), { now });
    expect(text(expired)[0]).toContain('expired 3 days ago');
    expect(partsOf(expired, 'text')[0]!.tone).toBe('bad');
    expect(presentAlert(alert(certificateDetail(12), resolvedAt), { now }).buttons).toEqual([]);
  });
});

describe('presentAlertThread', () => {
  const failing = alert(failureDetail(), { count: 4 });
  it('is silent for opened and updated', () => {
    expect(presentAlertThread(failing, 'opened', {})).toBeNull();
    expect(presentAlertThread(failing, 'updated', {})).toBeNull();
  });
  it('writes one line per repeat, reminder, snooze and resolution', () => {
    const line = (...args: Parameters<typeof presentAlertThread>) => summaryText(presentAlertThread(...args)!);
    expect(line(failing, 'repeated', { run: 44 })).toBe('🔁 Failed again in sync #44: invalid_credentials — seen 4 times');
    expect(line(alert(lingeringDetail()), 'reminder', {})).toBe('⏰ Still disabled after 9 days; blocking 37 changes');
    expect(line(alert(certificateDetail(7)), 'reminder', {})).toBe('⏰ Now 7 days left');
    expect(line(alert(certificateDetail(-2)), 'reminder', {})).toBe('⏰ Expired 2 days ago');
    expect(line(failing, 'reminder', {})).toBe('⏰ Still failing — seen 4 times');
    expect(line(alert(lingeringDetail(), { snoozedUntil: hoursAgo(-168) }), 'snoozed', { by: 'slack:U5' })).toBe('💤 Snoozed for 7 days by @slack:U5, until 2026-11-27 12:00 UTC');
    expect(line(alert(failureDetail(), resolvedAt), 'resolved', { run: 43 })).toBe('✅ Resolved: sync #43 succeeded');
    expect(line(alert(lingeringDetail(), { ...resolvedAt, resolution: 'corp-old is enabled again' }), 'resolved', { run: 50 })).toBe('✅ Resolved: corp-old is enabled again by sync #50');
  });
  it('adds the payload note on its own line, and has no buttons', () => {
    const m = presentAlertThread(failing, 'repeated', { run: 44, note: 'DC <dc2> & more' })!;
    expect(messageText(m)).toBe('🔁 Failed again in sync #44: invalid_credentials — seen 4 times\nDC <dc2> & more');
    expect(m.buttons).toEqual([]);
  });
  it('handles every event for every kind of alert', () => {
    for (const a of [failing, alert(lingeringDetail()), alert(certificateDetail())]) for (const event of ALERT_EVENTS) presentAlertThread(a, event, { by: 'cli:alice', run: 1 });
  });
});
