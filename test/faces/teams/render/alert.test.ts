import { describe, expect, it } from 'vitest';
import { renderAlert, renderAlertThread } from '../../../../src/faces/teams/render/alert.ts';
import { VERBS } from '../../../../src/faces/teams/verbs.ts';
import { ALERT_EVENTS } from '../../../../src/core/alerts.ts';
import { checklistFor, EXPLANATIONS } from '../../../../src/core/failures.ts';
import { alert, certificateDetail, failureDetail, hoursAgo, lingeringDetail, now } from '../../../support/chat-results.ts';
import { actions, allText, readable, textBlocks, withinLimits } from './card-limits.ts';

const resolvedAt = { status: 'resolved' as const, resolvedAt: hoursAgo(0), resolution: 'sync #43 succeeded' };
const SNOOZER = 'teams:00000000-0000-0000-0000-0000005e1e55';

describe('failure alert', () => {
  it('says what broke, why, the raw diagnostic and the numbered checklist, with Test now and Sync now', () => {
    const message = withinLimits(renderAlert(alert(failureDetail()), { now }));
    expect(textBlocks(message)[0]).toBe('🔴 corp-ad: credential failure');
    const text = readable(message);
    expect(text).toContain('invalid_credentials (at bind)');
    expect(text).toContain(`${EXPLANATIONS.invalid_credentials} (Active Directory: data 52e)`);
    expect(text).toContain('80090308: LdapErr: DSID-0C090439');
    expect(text).toContain('CN=Svc <b>&Sync');
    expect(allText(message)).toContain(checklistFor('invalid_credentials').map((item, i) => `${i + 1}. ${item}`).join('\n'));
    expect(text).toContain('Seen 3 times since ⌚, last ⌚ · Last failing run #41');
    expect(actions(message)).toEqual([
      { type: 'Action.Execute', title: 'Test now', verb: VERBS.testNow, data: { value: 'corp-ad' } },
      { type: 'Action.Execute', title: 'Sync now', verb: VERBS.syncNow, data: { value: 'corp-ad' }, style: 'positive' },
    ]);
    expect(message.summary).toBe(`🔴 corp-ad: credential failure: invalid_credentials. ${EXPLANATIONS.invalid_credentials} (Active Directory: data 52e)`);
  });

  it('once resolved, leads with the resolution, keeps the problem to one line and has no actions', () => {
    const message = withinLimits(renderAlert(alert(failureDetail(), resolvedAt), { now }));
    expect(actions(message)).toEqual([]);
    expect(message.card).not.toHaveProperty('actions');
    expect(textBlocks(message)[0]).toMatch(/^✅ Resolved: sync #43 succeeded \{\{DATE/);
    expect(textBlocks(message)).toHaveLength(2);
    expect(readable(message)).toContain('Was: corp-ad: credential failure / invalid_credentials — seen 3 times, first ⌚, last ⌚');
    expect(readable(message)).not.toContain('What to check');
  });

  it('survives a huge diagnostic and keeps its buttons', () => {
    const message = withinLimits(renderAlert(alert(failureDetail({ diagnostic: '<x>&*'.repeat(6000) })), { now }));
    expect(actions(message)).toHaveLength(2);
    expect(readable(message)).toContain('… (truncated)');
  });
});

describe('lingering alert', () => {
  it('says how long, how much it blocks and where, with Delete…, Re-enable and Snooze carrying the right values', () => {
    const message = withinLimits(renderAlert(alert(lingeringDetail(), { integration: 'corp-old' }), { now }));
    const text = readable(message);
    expect(textBlocks(message)[0]).toBe('⚠️ **corp-old** has been disabled for 9 days and is blocking 37 destructive changes in 2 integrations.');
    expect(text).toContain('• 7 group removals\n\n• 30 address-type changes\n\nHeld in: corp-ad, hq');
    expect(text).toContain("re-enable it if it should sync again (@dirsync enable corp-old), or delete it if it is gone for good — deleting needs another admin's approval");
    expect(text).toContain('Delete… does not delete anything by itself: it raises an approval request to delete corp-old and everything it synced, which another admin must approve.');
    expect(text).toContain('disabled since ⌚ · warned 3 times');
    expect(actions(message)).toEqual([
      { type: 'Action.Execute', title: 'Delete…', verb: VERBS.deleteIntegration, data: { value: 'corp-old' }, style: 'destructive' },
      { type: 'Action.Execute', title: 'Re-enable', verb: VERBS.enableIntegration, data: { value: 'corp-old' } },
      { type: 'Action.Execute', title: 'Snooze 7 days', verb: VERBS.snooze, data: { value: '7' } },
    ]);
  });

  it('says it is snoozed, by whom and until when, only while it is', () => {
    const snoozed = alert(lingeringDetail(), { snoozedUntil: hoursAgo(-48), snoozedBy: SNOOZER });
    expect(readable(withinLimits(renderAlert(snoozed, { now, names: { [SNOOZER]: 'Sam' } })))).toContain('💤 snoozed until ⌚ by Sam');
    expect(readable(withinLimits(renderAlert(snoozed, { now })))).toContain('💤 snoozed until ⌚ by a Teams user (…5e1e55)');
    const over = alert(lingeringDetail(), { snoozedUntil: hoursAgo(1), snoozedBy: SNOOZER });
    expect(readable(withinLimits(renderAlert(over, { now })))).not.toContain('snoozed');
  });

  it('says "in error" for an errored integration and has no actions once resolved', () => {
    const detail = lingeringDetail();
    if (detail.kind === 'lingering') detail.lingering.state = 'error';
    expect(readable(withinLimits(renderAlert(alert(detail), { now })))).toContain('has been in error for 9 days');
    const message = withinLimits(renderAlert(alert(lingeringDetail(), { ...resolvedAt, resolution: 'corp-old is enabled again' }), { now }));
    expect(actions(message)).toEqual([]);
    expect(textBlocks(message)[0]).toMatch(/^✅ Resolved: corp-old is enabled again/);
    expect(readable(message)).toContain('Was: corp-old disabled for 9 days, blocking 37 destructive changes in 2 integrations');
  });
});

describe('certificate alert', () => {
  it('says when the certificate expires, its subject and what to do, with Test now', () => {
    const message = withinLimits(renderAlert(alert(certificateDetail(12)), { now }));
    const text = readable(message);
    expect(textBlocks(message)[0]).toBe('⚠️ The LDAPS certificate of **corp-ad** expires in 12 days (2026-12-02).');
    expect(text).toContain('Subject: CN=Svc <b>&Sync,OU=Docs/KB,DC=corp,DC=example');
    expect(text).toContain('NTDS\\Personal');
    expect(text).toContain('restart the LDAP service');
    expect(actions(message)).toEqual([{ type: 'Action.Execute', title: 'Test now', verb: VERBS.testNow, data: { value: 'corp-ad' } }]);
  });
  it('says how long ago an expired one expired, and has no actions once resolved', () => {
    expect(readable(withinLimits(renderAlert(alert(certificateDetail(-3)), { now })))).toContain('expired 3 days ago');
    expect(actions(withinLimits(renderAlert(alert(certificateDetail(12), resolvedAt), { now })))).toEqual([]);
  });
});

describe('renderAlertThread', () => {
  const failing = alert(failureDetail(), { count: 4 });
  it('is silent for opened and updated', () => {
    expect(renderAlertThread(failing, 'opened', {})).toBeNull();
    expect(renderAlertThread(failing, 'updated', {})).toBeNull();
  });
  it('writes the same line as Slack for each repeat, reminder, snooze and resolution', () => {
    expect(withinLimits(renderAlertThread(failing, 'repeated', { run: 44 }))!.summary).toBe('🔁 Failed again in sync #44: invalid_credentials — seen 4 times');
    expect(withinLimits(renderAlertThread(alert(lingeringDetail()), 'reminder', {}))!.summary).toBe('⏰ Still disabled after 9 days; blocking 37 changes');
    expect(withinLimits(renderAlertThread(alert(certificateDetail(7)), 'reminder', {}))!.summary).toBe('⏰ Now 7 days left');
    expect(withinLimits(renderAlertThread(alert(certificateDetail(-2)), 'reminder', {}))!.summary).toBe('⏰ Expired 2 days ago');
    expect(withinLimits(renderAlertThread(failing, 'reminder', {}))!.summary).toBe('⏰ Still failing — seen 4 times');
    const snoozed = withinLimits(renderAlertThread(alert(lingeringDetail(), { snoozedUntil: hoursAgo(-168) }), 'snoozed', { by: SNOOZER }, { names: { [SNOOZER]: 'Sam' } }));
    expect(snoozed!.summary).toMatch(/^💤 Snoozed for 7 days by Sam, until \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    expect(withinLimits(renderAlertThread(alert(failureDetail(), resolvedAt), 'resolved', { run: 43 }))!.summary).toBe('✅ Resolved: sync #43 succeeded');
    expect(withinLimits(renderAlertThread(alert(lingeringDetail(), { ...resolvedAt, resolution: 'corp-old is enabled again' }), 'resolved', { run: 50 }))!.summary).toBe('✅ Resolved: corp-old is enabled again by sync #50');
  });
  it('adds the payload note, made safe, and has no actions', () => {
    const message = withinLimits(renderAlertThread(failing, 'repeated', { run: 44, note: 'DC <dc2> & [more](x)' }))!;
    expect(allText(message)).toContain('\n\nDC \\<dc2\\> & \\[more\\](x)');
    expect(actions(message)).toEqual([]);
  });
  it('handles every event for every kind of alert', () => {
    for (const a of [failing, alert(lingeringDetail()), alert(certificateDetail())]) for (const event of ALERT_EVENTS) withinLimits(renderAlertThread(a, event, { by: 'cli:alice', run: 1 }));
  });
});
