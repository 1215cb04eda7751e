import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/adapters/db/client.ts';
import { createStore } from '../../../src/adapters/db/store.ts';
import { backends } from '../../support/databases.ts';
import { useDatabase } from '../../support/suite.ts';

describe.each(backends)('remembered chat requests ($name)', (backend) => {
  const db = useDatabase(backend);
  const t0 = new Date('2026-11-20T12:00:00Z');
  const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
  // Keys are unique per test: the table is shared by the tests of this file.
  const keys = (...names: string[]) => {
    const run = crypto.randomUUID();
    return names.map((n) => `test:${run}:${n}`);
  };

  it('tells the first sight of a key from every later one, until the key expires', async () => {
    const [a, b] = keys('a', 'b');
    const seen = db.store.seenRequests;
    expect(await seen.remember([{ key: a!, until: at(5) }, { key: b!, until: at(60) }], t0)).toEqual(new Set([a, b]));
    expect(await seen.remember([{ key: a!, until: at(6) }, { key: b!, until: at(61) }], at(1))).toEqual(new Set());
    expect(await seen.remember([{ key: a!, until: at(7) }], at(4.9))).toEqual(new Set());
    // Past its time a key counts as new again, and is remembered afresh.
    expect(await seen.remember([{ key: a!, until: at(10) }, { key: b!, until: at(70) }], at(5))).toEqual(new Set([a]));
    expect(await seen.remember([{ key: a!, until: at(11) }], at(9))).toEqual(new Set());
    // The same key twice in one call is one key.
    const [c] = keys('c');
    expect(await seen.remember([{ key: c!, until: at(5) }, { key: c!, until: at(5) }], t0)).toEqual(new Set([c]));
    expect(await seen.remember([], t0)).toEqual(new Set());
  });

  it('prunes only what has expired', async () => {
    const [gone, kept] = keys('gone', 'kept');
    const seen = db.store.seenRequests;
    await seen.remember([{ key: gone!, until: at(100) }, { key: kept!, until: at(200) }], t0);
    expect(await seen.prune(at(150))).toBeGreaterThanOrEqual(1);
    // What was still live is still remembered; nothing expired is left behind.
    expect(await seen.remember([{ key: kept!, until: at(300) }, { key: gone!, until: at(300) }], at(150))).toEqual(new Set([gone]));
    expect(await seen.prune(at(150))).toBe(0);
  });

  it('lets exactly one of many concurrent callers (and replicas) win a key', async () => {
    const extra = db.url ? await openDatabase({ kind: 'postgres', url: db.url }) : null;
    try {
      const stores = [db.store, ...(extra ? [createStore(extra)] : [])];
      for (let round = 0; round < 5; round++) {
        const [key] = keys(`race-${round}`);
        const results = await Promise.all(Array.from({ length: 8 }, (_, i) => stores[i % stores.length]!.seenRequests.remember([{ key: key!, until: at(5) }], t0)));
        expect(results.filter((r) => r.has(key!))).toHaveLength(1);
      }
    } finally {
      await extra?.close();
    }
  });
});
