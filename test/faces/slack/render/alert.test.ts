import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../../../src/faces/slack/actions.ts';
import { renderAlert, renderAlertThread } from '../../../../src/faces/slack/render/alert.ts';
import { ALERT_EVENTS } from '../../../../src/core/alerts.ts';
import { checklistFor, EXPLANATIONS } from '../../../../src/core/failures.ts';
import { alert, certificateDetail, failureDetail, hoursAgo, lingeringDetail, now } from '../../../support/chat-results.ts';
import { actionBlocks, allText, buttons, sectionTexts, withinLimits } from './slack-limits.ts';

const escaped = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const resolvedAt = { status: 'resolved' as const, resolvedAt: hoursAgo(0), resolution: 'sync #43 succeeded' };

describe('failure alert', () => {
  it('says what broke, why, the raw diagnostic and the numbered checklist, with Test now and Sync now', () => {
    const message = withinLimits(renderAlert(alert(failureDetail()), { now }));
    expect(JSON.stringify(message.blocks[0])).toContain('🔴 corp-ad: credential failure');
    const text = allText(message);
    expect(text).toContain(EXPLANATIONS.invalid_credentials);
    expect(text).toContain('(Active Directory: data 52e)');
    expect(text).toContain('```80090308: LdapErr');
    expect(text).toContain('CN=Svc &lt;b&gt;&amp;Sync');
    checklistFor('invalid_credentials').forEach((item, i) => expect(text).toContain(`${i + 1}. ${escaped(item)}`));
    expect(text).toContain('Seen 3 times since <!date^');
    expect(text).toContain('Last failing run #41');
    expect(buttons(message).map(({ text, action_id, value, style }) => ({ text, action_id, value, style }))).toEqual([
      { text: 'Test now', action_id: ACTIONS.testNow, value: 'corp-ad', style: undefined },
      { text: 'Sync now', action_id: ACTIONS.syncNow, value: 'corp-ad', style: 'primary' },
    ]);
  });

  it('once resolved, leads with the resolution, keeps the problem short and has no buttons', () => {
    const message = withinLimits(renderAlert(alert(failureDetail(), resolvedAt), { now }));
    expect(actionBlocks(message)).toEqual([]);
    expect(sectionTexts(message)[0]).toMatch(/^✅ Resolved: sync #43 succeeded/);
    const text = allText(message);
    expect(text).toContain('credential failure / invalid_credentials');
    expect(text).toContain('seen 3 times');
    expect(text).not.toContain('What to check');
  });

  it('survives a huge diagnostic', () => {
    const message = withinLimits(renderAlert(alert(failureDetail({ diagnostic: '<x>&'.repeat(3000) })), { now }));
    expect(buttons(message)).toHaveLength(2);
  });
});

describe('lingering alert', () => {
  it('says how long, how much it blocks and where, with Delete…, Re-enable and Snooze', () => {
    const message = withinLimits(renderAlert(alert(lingeringDetail(), { integration: 'corp-old' }), { now }));
    const text = allText(message);
    expect(text).toContain('*corp-old* has been disabled for 9 days and is blocking 37 destructive changes in 2 integrations');
    expect(text).toContain('30 address-type changes');
    expect(text).toContain('7 group removals');
    expect(text).toContain('*corp-ad*, *hq*');
    expect(text).toContain("another admin's approval");
    const [del, enable, snooze] = buttons(message);
    expect(del).toMatchObject({ action_id: ACTIONS.deleteIntegration, value: 'corp-old', style: 'danger' });
    expect(JSON.stringify(del!.confirm)).toContain('approval request');
    expect(enable).toMatchObject({ text: 'Re-enable', action_id: ACTIONS.enableIntegration, value: 'corp-old' });
    expect(snooze).toMatchObject({ text: 'Snooze 7 days', action_id: ACTIONS.snooze, value: '7' });
  });

  it('says it is snoozed, by whom and until when, only while it is', () => {
    const snoozed = alert(lingeringDetail(), { snoozedUntil: hoursAgo(-48), snoozedBy: 'slack:U9' });
    expect(allText(withinLimits(renderAlert(snoozed, { now })))).toMatch(/snoozed until <!date\^\d+\^[^>]+> by <@U9>/);
    const over = alert(lingeringDetail(), { snoozedUntil: hoursAgo(1), snoozedBy: 'slack:U9' });
    expect(allText(withinLimits(renderAlert(over, { now })))).not.toContain('snoozed');
  });

  it('says "in error" for an errored integration and has no buttons once resolved', () => {
    const detail = lingeringDetail();
    if (detail.kind === 'lingering') detail.lingering.state = 'error';
    expect(allText(withinLimits(renderAlert(alert(detail), { now })))).toContain('has been in error for 9 days');
    const message = withinLimits(renderAlert(alert(lingeringDetail(), { ...resolvedAt, resolution: 'corp-old is enabled again' }), { now }));
    expect(actionBlocks(message)).toEqual([]);
    expect(sectionTexts(message)[0]).toMatch(/^✅ Resolved: corp-old is enabled again/);
  });
});

describe('certificate alert', () => {
  it('says when the certificate expires, its subject and what to do, with Test now', () => {
    const message = withinLimits(renderAlert(alert(certificateDetail(12)), { now }));
    const text = allText(message);
    expect(text).toMatch(/The LDAPS certificate of \*corp-ad\* expires in 12 days \(2026-12-02\)/);
    expect(text).toContain('`CN=Svc &lt;b&gt;&amp;Sync');
    expect(text).toContain('NTDS\\Personal');
    expect(text).toContain('restart the LDAP service');
    expect(buttons(message).map((b) => [b.action_id, b.value])).toEqual([[ACTIONS.testNow, 'corp-ad']]);
  });
  it('says how long ago an expired one expired, and has no buttons once resolved', () => {
    expect(allText(withinLimits(renderAlert(alert(certificateDetail(-3)), { now })))).toContain('expired 3 days ago');
    expect(actionBlocks(withinLimits(renderAlert(alert(certificateDetail(12), resolvedAt), { now })))).toEqual([]);
  });
});

describe('renderAlertThread', () => {
  const failing = alert(failureDetail(), { count: 4 });
  it('is silent for opened and updated', () => {
    expect(renderAlertThread(failing, 'opened', {})).toBeNull();
    expect(renderAlertThread(failing, 'updated', {})).toBeNull();
  });
  it('writes one line per repeat, reminder, snooze and resolution', () => {
    expect(withinLimits(renderAlertThread(failing, 'repeated', { run: 44 }))!.text).toBe('🔁 Failed again in sync #44: invalid_credentials — seen 4 times');
    expect(withinLimits(renderAlertThread(alert(lingeringDetail()), 'reminder', {}))!.text).toBe('⏰ Still disabled after 9 days; blocking 37 changes');
    expect(withinLimits(renderAlertThread(alert(certificateDetail(7)), 'reminder', {}))!.text).toBe('⏰ Now 7 days left');
    expect(withinLimits(renderAlertThread(alert(lingeringDetail(), { snoozedUntil: hoursAgo(-168) }), 'snoozed', { by: 'slack:U5' }))!.text).toMatch(/^💤 Snoozed for 7 days by <@U5>/);
    expect(withinLimits(renderAlertThread(alert(failureDetail(), resolvedAt), 'resolved', { run: 43 }))!.text).toBe('✅ Resolved: sync #43 succeeded');
    expect(withinLimits(renderAlertThread(alert(lingeringDetail(), { ...resolvedAt, resolution: 'corp-old is enabled again' }), 'resolved', { run: 50 }))!.text).toBe('✅ Resolved: corp-old is enabled again by sync #50');
  });
  it('adds the payload note, escaped', () => {
    const message = withinLimits(renderAlertThread(failing, 'repeated', { run: 44, note: 'DC <dc2> & more' }));
    expect(allText(message!)).toContain('DC &lt;dc2&gt; &amp; more');
  });
  it('handles every event for every kind of alert', () => {
    for (const a of [failing, alert(lingeringDetail()), alert(certificateDetail())]) for (const event of ALERT_EVENTS) withinLimits(renderAlertThread(a, event, { by: 'cli:alice', run: 1 }));
  });
});
