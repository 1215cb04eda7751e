import { describe, expect, it } from 'vitest';
import { changedSince, decideReadMode, escapeFilterValue, readFingerprint, type DeltaMark, type StoredWatermark } from '../../src/core/delta.ts';
import { KIND_DEFAULTS } from '../../src/core/integration.ts';

const NOW = new Date('2026-12-02T12:00:00Z');
const DAY = 86_400_000;
const integration = { kind: 'active_directory' as const, baseDns: ['DC=corp,DC=example'], ...KIND_DEFAULTS.active_directory, acknowledgeDisabled: true };
const fingerprint = readFingerprint(integration);
const usn = (over: Partial<Extract<DeltaMark, { method: 'usn' }>> = {}): DeltaMark => ({ method: 'usn', invocationId: 'aaaa', usn: 1000, tombstoneLifetimeDays: 180, namingContext: 'DC=corp,DC=example', ...over });
const stored = (mark: DeltaMark, over: Partial<StoredWatermark> = {}): StoredWatermark => ({ mark, fingerprint, takenAt: new Date(NOW.getTime() - DAY), lastFullAt: null, ...over });
const decide = (requested: 'full' | 'delta' | null, s: StoredWatermark | null, current: DeltaMark | null) => decideReadMode({ requested, stored: s, current, fingerprint, now: NOW });

describe('decideReadMode', () => {
  it('reads a delta by default when the watermark is valid, in full when asked or when there is none yet', () => {
    expect(decide(null, stored(usn()), usn({ usn: 1200 }))).toEqual({ mode: 'delta', fallbackReason: null });
    expect(decide('full', stored(usn()), usn())).toEqual({ mode: 'full', fallbackReason: null });
    expect(decide(null, null, usn())).toEqual({ mode: 'full', fallbackReason: null });
    expect(decide('delta', null, usn()).fallbackReason).toMatch(/no watermark yet/);
    expect(decide('delta', stored(usn()), null).fallbackReason).toMatch(/offers no delta/);
  });

  it('falls back, saying why, when the DC was restored or another answered, the USN went back, or the watermark outlived the tombstones', () => {
    expect(decide('delta', stored(usn()), usn({ invocationId: 'bbbb' })).fallbackReason).toMatch(/invocationId \(bbbb\) differs.*\(aaaa\)/);
    expect(decide(null, stored(usn()), usn({ usn: 10 })).fallbackReason).toMatch(/below the watermark/);
    expect(decide(null, stored(usn(), { takenAt: new Date(NOW.getTime() - 181 * DAY) }), usn()).fallbackReason).toMatch(/181 days old.*tombstone lifetime \(180 days\)/);
    expect(decide(null, stored(usn(), { takenAt: new Date(NOW.getTime() - 179 * DAY) }), usn()).mode).toBe('delta');
  });

  it('falls back when the filters, base DNs, attribute map or disabled rule changed since the watermark', () => {
    for (const changed of [{ userFilter: '(objectClass=user)' }, { baseDns: ['OU=Staff,DC=corp,DC=example'] }, { attributes: { ...integration.attributes, mail: 'userPrincipalName' } }, { acknowledgeDisabled: false }]) {
      const other = readFingerprint({ ...integration, ...changed });
      expect(other).not.toBe(fingerprint);
      expect(decideReadMode({ requested: null, stored: stored(usn()), current: usn(), fingerprint: other, now: NOW }).fallbackReason).toMatch(/filters, base DNs, attribute map/);
    }
    // Base DNs compare as a set, case aside.
    expect(readFingerprint({ ...integration, baseDns: ['dc=CORP,dc=example'] })).toBe(fingerprint);
  });

  it('narrows reads to what changed: uSNChanged above the watermark, modifyTimestamp since it less the skew margin', () => {
    expect(changedSince(usn())).toBe('(uSNChanged>=1001)');
    expect(changedSince({ method: 'timestamp', at: '2026-12-02T12:00:30.250Z' })).toBe('(modifyTimestamp>=20261202115530Z)');
    expect(escapeFilterValue('cn=a*b (x)\\y,dc=z')).toBe('cn=a\\2ab \\28x\\29\\5cy,dc=z');
  });
});
