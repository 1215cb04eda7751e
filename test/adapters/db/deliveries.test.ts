import { describe, expect, it } from 'vitest';
import { testAccount } from '../../support/context.ts';
import { backends } from '../../support/databases.ts';
import { useDatabase } from '../../support/suite.ts';

describe.each(backends)('the notification outbox ($name)', (backend) => {
  const db = useDatabase(backend);
  const longAgo = new Date(Date.now() - 3_600_000);

  async function setup() {
    const { account } = await testAccount(db.store);
    const enqueue = (subjectId: number, event: string, at = new Date()) =>
      db.store.notifications.enqueue({ accountId: account.id, subject: 'alert', subjectId, event, payload: {}, now: at });
    // Subject ids are unique per test (the outbox is shared by the tests of this file).
    const base = Math.floor(Math.random() * 1e9);
    const claim = async (owner = 'w1', platform = 'slack') =>
      (await db.store.deliveries.claim(platform, owner, 20, 60_000, longAgo)).filter((d) => d.accountId === account.id).map((d) => [d.subjectId - base, d.event]);
    return { account, enqueue, claim, base };
  }

  it('hands out one notification per subject at a time, in order, and each platform gets its own copy', async () => {
    const { enqueue, claim, base } = await setup();
    await enqueue(base + 1, 'opened');
    await enqueue(base + 1, 'repeated');
    await enqueue(base + 2, 'opened');
    await enqueue(base + 1, 'resolved');
    expect(await claim()).toEqual([[1, 'opened'], [2, 'opened']]);
    expect(await claim('w2')).toEqual([]); // leased; the later events of subject 1 wait
    expect(await claim('w1', 'teams')).toEqual([[1, 'opened'], [2, 'opened']]);
    const [first] = (await db.store.deliveries.claim('teams', 'w1', 20, 60_000, longAgo)).filter((d) => d.subjectId === base + 1);
    expect(first).toBeUndefined();
  });

  it('moves on once a notification is settled, retries at the time given, and takes over an expired lease', async () => {
    const { enqueue, claim, base } = await setup();
    await enqueue(base + 1, 'opened');
    await enqueue(base + 1, 'repeated');
    const [opened] = (await db.store.deliveries.claim('slack', 'w1', 20, 60_000, longAgo)).filter((d) => d.subjectId === base + 1);
    expect(opened).toMatchObject({ event: 'opened', attempts: 0 });
    await db.store.deliveries.settle(opened!.id, 'slack', { status: 'retry', retryAt: new Date(Date.now() + 60_000) }, 'Slack rate-limited channel C1');
    expect(await claim()).toEqual([]); // not before its retry time, and the next event waits behind it
    await db.store.deliveries.settle(opened!.id, 'slack', { status: 'retry', retryAt: new Date(Date.now() - 1) }, null);
    const [again] = (await db.store.deliveries.claim('slack', 'w2', 20, 1, longAgo)).filter((d) => d.subjectId === base + 1);
    expect(again).toMatchObject({ id: opened!.id, attempts: 2 });
    await new Promise((r) => setTimeout(r, 20)); // the 1 ms lease runs out: a dead dispatcher's work is taken over
    const [taken] = (await db.store.deliveries.claim('slack', 'w3', 20, 60_000, longAgo)).filter((d) => d.subjectId === base + 1);
    expect(taken).toMatchObject({ id: opened!.id });
    await db.store.deliveries.settle(opened!.id, 'slack', { status: 'sent' }, null);
    expect(await claim()).toEqual([[1, 'repeated']]);
  });

  it('skips notifications older than the cut-off and prunes old ones', async () => {
    const { enqueue, claim, base } = await setup();
    await enqueue(base + 1, 'opened', new Date(Date.now() - 2 * 3_600_000));
    await enqueue(base + 2, 'opened');
    expect(await claim()).toEqual([[2, 'opened']]);
    expect(await db.store.deliveries.prune(new Date(Date.now() - 3_600_000))).toBeGreaterThanOrEqual(1);
    expect(await claim()).toEqual([]);
  });
});
