import { describe, expect, it } from 'vitest';
import { decideRunAlerts, decideWarnings } from '../../src/core/alert-policy.ts';
import type { AlertRecord } from '../../src/core/alerts.ts';
import { checklistFor, EXPLANATIONS } from '../../src/core/failures.ts';
import type { LingeringWarning } from '../../src/core/lingering.ts';
import { emptyByKind, type RunFailure } from '../../src/core/sync.ts';

const now = new Date('2026-11-20T12:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
const failure = (reason: 'invalid_credentials' | 'account_locked' | 'connection_refused' | 'empty_result'): RunFailure => ({
  class: reason === 'connection_refused' ? 'connection' : reason === 'empty_result' ? 'directory_data' : 'credential',
  reason,
  stage: 'bind',
  message: EXPLANATIONS[reason],
  diagnostic: '',
  checklist: checklistFor(reason),
});

let nextId = 1;
function alert(over: Partial<AlertRecord>): AlertRecord {
  return {
    id: nextId++, accountId: 'a', integrationId: 'i1', kind: 'failure', class: 'credential', reason: 'invalid_credentials', status: 'open', count: 1,
    firstSeenAt: hoursAgo(5), lastSeenAt: hoursAgo(5), lastNotifiedAt: hoursAgo(5), resolvedAt: null, resolution: null, snoozedUntil: null, snoozedBy: null,
    detail: { kind: 'failure', run: 1, failure: failure('invalid_credentials') },
    ...over,
  };
}

describe('alerts from runs', () => {
  it('opens one alert for (integration, class) on a credential, connection, TLS, encoding or configuration failure', () => {
    const plans = decideRunAlerts({ integrationId: 'i1', run: { id: 7, status: 'failed', failure: failure('invalid_credentials') }, open: [], now });
    expect(plans).toEqual([{ op: 'open', alert: { integrationId: 'i1', kind: 'failure', class: 'credential', reason: 'invalid_credentials', detail: { kind: 'failure', run: 7, failure: failure('invalid_credentials') } }, payload: { run: 7 } }]);
  });

  it('repeats the open alert of the same class (count, last seen, the newest reason) instead of opening another', () => {
    const open = alert({ count: 2 });
    const plans = decideRunAlerts({ integrationId: 'i1', run: { id: 8, status: 'failed', failure: failure('account_locked') }, open: [open], now });
    expect(plans).toEqual([{ op: 'update', id: open.id, event: 'repeated', payload: { run: 8 }, patch: expect.objectContaining({ count: 3, lastSeenAt: now, reason: 'account_locked' }) }]);
  });

  it('opens a second alert for a different class, leaving the first open (nothing shows it is fixed)', () => {
    const open = alert({});
    const plans = decideRunAlerts({ integrationId: 'i1', run: { id: 9, status: 'failed', failure: failure('connection_refused') }, open: [open], now });
    expect(plans).toMatchObject([{ op: 'open', alert: { class: 'connection' } }]);
  });

  it('resolves every failure alert of the integration when a run succeeds, and only those', () => {
    const a = alert({});
    const b = alert({ class: 'connection' });
    const other = alert({ integrationId: 'i2' });
    const lingering = alert({ kind: 'lingering', class: null });
    const plans = decideRunAlerts({ integrationId: 'i1', run: { id: 10, status: 'succeeded', failure: null }, open: [a, b, other, lingering], now });
    expect(plans).toEqual([a, b].map((x) => ({ op: 'update', id: x.id, event: 'resolved', payload: { run: 10 }, patch: { status: 'resolved', resolvedAt: now, resolution: 'sync #10 succeeded', lastSeenAt: now } })));
  });

  it('stays quiet for directory-data failures, internal errors and cancelled runs (the run reports those)', () => {
    expect(decideRunAlerts({ integrationId: 'i1', run: { id: 1, status: 'failed', failure: failure('empty_result') }, open: [], now })).toEqual([]);
    expect(decideRunAlerts({ integrationId: 'i1', run: { id: 1, status: 'failed', failure: null }, open: [], now })).toEqual([]);
    expect(decideRunAlerts({ integrationId: 'i1', run: { id: 1, status: 'cancelled', failure: null }, open: [alert({})], now })).toEqual([]);
  });
});

describe('warnings from the periodic review', () => {
  const integrations = [
    { id: 'i1', name: 'corp-old', state: 'disabled' as const },
    { id: 'i2', name: 'corp-ad', state: 'enabled' as const },
  ];
  const warning = (total = 37): LingeringWarning => ({
    integration: 'corp-old', state: 'disabled', since: hoursAgo(216), hours: 216,
    blocks: { total, byKind: { ...emptyByKind(), change_address_type: total }, integrations: ['corp-ad'] },
  });
  const lingeringAlert = (over: Partial<AlertRecord> = {}) =>
    alert({ kind: 'lingering', class: null, reason: 'disabled', detail: { kind: 'lingering', lingering: { ...warning(), since: hoursAgo(216).toISOString() } }, ...over });
  const base = { integrations, lingering: [], certificates: [], open: [], now };

  it('opens a lingering warning once, then repeats it at most once a day', () => {
    expect(decideWarnings({ ...base, lingering: [warning()] })).toMatchObject([{ op: 'open', alert: { integrationId: 'i1', kind: 'lingering', reason: 'disabled' } }]);
    expect(decideWarnings({ ...base, lingering: [warning()], open: [lingeringAlert({ lastNotifiedAt: hoursAgo(23) })] })).toEqual([]);
    const due = lingeringAlert({ lastNotifiedAt: hoursAgo(24), count: 1 });
    expect(decideWarnings({ ...base, lingering: [warning()], open: [due] })).toMatchObject([{ op: 'update', id: due.id, event: 'reminder', patch: { count: 2, lastNotifiedAt: now } }]);
  });

  it('updates the message silently when what it blocks changes between reminders', () => {
    const open = lingeringAlert({ lastNotifiedAt: hoursAgo(2) });
    expect(decideWarnings({ ...base, lingering: [warning(40)], open: [open] })).toMatchObject([{ op: 'update', id: open.id, event: 'updated' }]);
  });

  it('does not remind while snoozed, and reminds again after the snooze', () => {
    const snoozed = lingeringAlert({ lastNotifiedAt: hoursAgo(48), snoozedUntil: new Date(now.getTime() + 3_600_000) });
    expect(decideWarnings({ ...base, lingering: [warning()], open: [snoozed] })).toEqual([]);
    const woke = lingeringAlert({ lastNotifiedAt: hoursAgo(48), snoozedUntil: hoursAgo(1) });
    expect(decideWarnings({ ...base, lingering: [warning()], open: [woke] })).toMatchObject([{ event: 'reminder' }]);
  });

  it('resolves a lingering warning when the integration is enabled again, and alerts of deleted integrations', () => {
    const open = lingeringAlert();
    const enabled = [{ ...integrations[0]!, state: 'enabled' as const }, integrations[1]!];
    expect(decideWarnings({ ...base, integrations: enabled, open: [open] })).toMatchObject([{ id: open.id, event: 'resolved', patch: { resolution: 'corp-old is enabled again' } }]);
    const orphan = alert({ integrationId: 'gone' });
    expect(decideWarnings({ ...base, open: [orphan] })).toMatchObject([{ id: orphan.id, event: 'resolved', patch: { resolution: 'the integration was deleted' } }]);
  });

  it('warns about a certificate at 30 days and again at 14, 7, 3, 1 and 0 days, not daily', () => {
    const cert = (daysLeft: number) => ({ integration: 'corp-ad', subject: 'CN=dc1', notAfter: '2026-12-10T00:00:00.000Z', daysLeft });
    expect(decideWarnings({ ...base, certificates: [cert(20)] })).toMatchObject([{ op: 'open', alert: { integrationId: 'i2', kind: 'certificate' } }]);
    const open = alert({ integrationId: 'i2', kind: 'certificate', class: null, detail: { kind: 'certificate', certificate: cert(20), notifiedDaysLeft: 20 } });
    expect(decideWarnings({ ...base, certificates: [cert(19)], open: [open] })).toMatchObject([{ event: 'updated' }]);
    expect(decideWarnings({ ...base, certificates: [cert(14)], open: [open] })).toMatchObject([{ event: 'reminder', patch: { detail: { notifiedDaysLeft: 14 } } }]);
    const at14 = { ...open, detail: { kind: 'certificate' as const, certificate: cert(14), notifiedDaysLeft: 14 } };
    expect(decideWarnings({ ...base, certificates: [cert(10)], open: [at14] })).toMatchObject([{ event: 'updated' }]);
    expect(decideWarnings({ ...base, certificates: [cert(-1)], open: [at14] })).toMatchObject([{ event: 'reminder' }]);
    expect(decideWarnings({ ...base, certificates: [], open: [at14] })).toMatchObject([{ event: 'resolved', patch: { resolution: expect.stringContaining('more than 30 days') } }]);
  });
});
