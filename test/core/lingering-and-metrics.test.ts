import { describe, expect, it } from 'vitest';
import { expiringCertificates, findLingering, openChangesByIntegration } from '../../src/core/lingering.ts';
import { renderMetrics } from '../../src/core/metrics.ts';
import { emptyByKind } from '../../src/core/sync.ts';

const now = new Date('2026-11-20T12:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);

describe('findLingering', () => {
  const integrations = [
    { id: 'i1', name: 'corp-old', state: 'disabled' as const, stateChangedAt: hoursAgo(9 * 24) },
    { id: 'i2', name: 'corp-ad', state: 'enabled' as const, stateChangedAt: hoursAgo(100) },
    { id: 'i3', name: 'lab', state: 'error' as const, stateChangedAt: hoursAgo(2) },
    { id: 'i4', name: 'hq', state: 'enabled' as const, stateChangedAt: hoursAgo(100) },
  ];
  const held = [
    { integrationId: 'i2', status: 'held' as const, byKind: { ...emptyByKind(), change_address_type: 30, remove_membership: 5 }, blockedBy: ['corp-old', 'lab'], since: hoursAgo(48), approvalRequestId: null },
    { integrationId: 'i4', status: 'held' as const, byKind: { ...emptyByKind(), remove_membership: 2 }, blockedBy: ['corp-old'], since: hoursAgo(48), approvalRequestId: null },
  ];
  it('names integrations disabled or errored past the lingering age, with what they block and where', () => {
    expect(findLingering({ integrations, held, lingeringHours: 24, now })).toEqual([
      { integration: 'corp-old', state: 'disabled', since: hoursAgo(216), hours: 216, blocks: { total: 37, byKind: { ...emptyByKind(), change_address_type: 30, remove_membership: 7 }, integrations: ['corp-ad', 'hq'] } },
    ]);
  });
  it('is quiet when nothing is held, or before the lingering age', () => {
    expect(findLingering({ integrations, held: [], lingeringHours: 24, now })).toEqual([]);
    expect(findLingering({ integrations, held, lingeringHours: 24 * 10, now })).toEqual([]);
  });
  it('with age 0, names every blocker; integrations it does not list are named by nameOf', () => {
    const deleted = { ...held[1]!, integrationId: 'i9' };
    const found = findLingering({ integrations, held: [held[0]!, deleted], lingeringHours: 0, now, nameOf: (id) => (id === 'i9' ? 'gone' : undefined) });
    expect(found.map((w) => [w.integration, w.blocks.total, w.blocks.integrations])).toEqual([['corp-old', 37, ['corp-ad', 'gone']], ['lab', 35, ['corp-ad']]]);
  });
});

describe('openChangesByIntegration', () => {
  it('sums held and awaiting changes per integration, with the blockers of the held ones', () => {
    const summary = [
      { integrationId: 'i2', status: 'held' as const, byKind: { ...emptyByKind(), delete_user: 3 }, blockedBy: ['lab'], since: now, approvalRequestId: null },
      { integrationId: 'i2', status: 'held' as const, byKind: { ...emptyByKind(), purge_user: 1, remove_membership: 2 }, blockedBy: ['corp-old', 'lab'], since: now, approvalRequestId: null },
      { integrationId: 'i2', status: 'awaiting_approval' as const, byKind: { ...emptyByKind(), delete_user: 600 }, blockedBy: [], since: now, approvalRequestId: 7 },
    ];
    expect(Object.fromEntries(openChangesByIntegration(summary))).toEqual({ i2: { held: 6, awaitingApproval: 600, blockedBy: ['corp-old', 'lab'] } });
  });
});

describe('expiringCertificates', () => {
  it('keeps those within 30 days, soonest first', () => {
    const cert = (days: number) => ({ subject: `CN=${days}`, notAfter: new Date(now.getTime() + days * 86_400_000).toISOString() });
    expect(expiringCertificates([{ integration: 'a', certificate: cert(40) }, { integration: 'b', certificate: cert(10) }, { integration: 'c', certificate: cert(-1) }, { integration: 'd', certificate: null }], now).map((c) => [c.integration, c.daysLeft])).toEqual([['c', -1], ['b', 10]]);
  });
});

describe('renderMetrics', () => {
  it('writes the Prometheus text format with escaped labels and a histogram', () => {
    const text = renderMetrics({
      runs: [{ account: 'default', integration: 'corp "ad"', status: 'failed', failureClass: 'credential', count: 2 }],
      lastSuccess: [{ account: 'default', integration: 'lab', at: new Date('2026-11-20T00:00:00Z') }, { account: 'default', integration: 'new', at: null }],
      held: [{ account: 'default', integration: 'lab', status: 'held', kind: 'remove_membership', count: 4 }],
      durations: [{ account: 'default', integration: 'lab', seconds: 3 }, { account: 'default', integration: 'lab', seconds: 40 }],
    });
    expect(text).toContain('# TYPE dirsync_sync_runs_total counter\n');
    expect(text).toContain('dirsync_sync_runs_total{account="default",integration="corp \\"ad\\"",status="failed",failure_class="credential"} 2\n');
    expect(text).toContain('dirsync_last_successful_sync_timestamp_seconds{account="default",integration="lab"} 1795132800\n');
    expect(text).toContain('dirsync_last_successful_sync_timestamp_seconds{account="default",integration="new"} 0\n');
    expect(text).toContain('dirsync_pending_destructive_changes{account="default",integration="lab",status="held",kind="remove_membership"} 4\n');
    expect(text).toContain('dirsync_sync_run_duration_seconds_bucket{account="default",integration="lab",le="5"} 1\n');
    expect(text).toContain('dirsync_sync_run_duration_seconds_bucket{account="default",integration="lab",le="+Inf"} 2\n');
    expect(text).toContain('dirsync_sync_run_duration_seconds_sum{account="default",integration="lab"} 43\n');
  });
});
