import { describe, expect, it } from 'vitest';
import { changedSince, decideReadMode, type DeltaMark, type StoredWatermark } from '../../src/core/delta.ts';
import { graphDeltaReads } from '../../src/core/graph-delta.ts';
import type { ConnectionProbe } from '../../src/core/probe.ts';

const mark = (over: Partial<Extract<DeltaMark, { method: 'graph' }>> = {}): DeltaMark => ({
  method: 'graph',
  tenantId: 'tenant-a',
  graphUrl: 'https://graph.microsoft.com',
  users: 'https://graph.microsoft.com/v1.0/users/delta?$deltatoken=1',
  groups: 'https://graph.microsoft.com/v1.0/groups/delta?$deltatoken=1',
  ...over,
});
const stored = (m: DeltaMark): StoredWatermark => ({ mark: m, fingerprint: 'fp', takenAt: new Date('2026-12-01T00:00:00Z'), lastFullAt: null });
const decide = (was: DeltaMark, now: DeltaMark, fingerprint = 'fp') => decideReadMode({ requested: null, stored: stored(was), current: now, fingerprint, now: new Date('2026-12-02T00:00:00Z') });

describe('read mode with Graph delta links', () => {
  it('follows stored links of the same tenant and Graph URL, however old (Graph says itself when they expire)', () => {
    expect(decideReadMode({ requested: 'delta', stored: { ...stored(mark()), takenAt: new Date('2025-01-01T00:00:00Z') }, current: mark({ users: 'new', groups: 'new' }), fingerprint: 'fp', now: new Date() })).toEqual({ mode: 'delta', fallbackReason: null });
  });

  it.each([
    [{ tenantId: 'tenant-b' }, /issued for tenant tenant-a at https:\/\/graph.microsoft.com, the integration now reads tenant tenant-b/],
    [{ graphUrl: 'https://graph.microsoft.us' }, /now reads tenant tenant-a at https:\/\/graph.microsoft.us/],
  ])('falls back to a full read when the links were issued elsewhere (%o)', (over, reason) => {
    const d = decide(mark(), mark(over));
    expect(d.mode).toBe('full');
    expect(d.fallbackReason).toMatch(reason);
  });

  it('falls back when the fingerprint changed, or the stored watermark is of another method', () => {
    expect(decide(mark(), mark(), 'other').fallbackReason).toMatch(/changed since the watermark/);
    expect(decide({ method: 'timestamp', at: '2026-12-01T00:00:00Z' }, mark()).fallbackReason).toMatch(/timestamp method, the directory now offers graph/);
  });

  it('has no LDAP filter for a Graph watermark, and a probe without Graph delta reads is refused', () => {
    expect(() => changedSince(mark())).toThrow(/delta links/);
    expect(() => graphDeltaReads({} as ConnectionProbe)).toThrow(/no Graph delta reads/);
  });
});
