import { afterEach, describe, expect, it } from 'vitest';
import { startDispatcher, type Dispatcher } from '../../../src/faces/chat/dispatcher.ts';
import type { Delivery } from '../../../src/core/chat-ports.ts';
import { memoryLogger, testAccount } from '../../support/context.ts';
import { backends } from '../../support/databases.ts';
import { useDatabase } from '../../support/suite.ts';

describe('the notification dispatcher', () => {
  const db = useDatabase(backends[0]!);
  const running: Dispatcher[] = [];
  afterEach(async () => {
    for (const d of running.splice(0)) await d.stop();
  });

  it('delivers each notification once per platform, in order per subject', async () => {
    const { account } = await testAccount(db.store);
    for (const event of ['opened', 'repeated', 'resolved']) {
      await db.store.notifications.enqueue({ accountId: account.id, subject: 'alert', subjectId: 1, event, payload: {}, now: new Date() });
    }
    const seen: string[] = [];
    const deliver = async (d: Delivery) => {
      if (d.accountId === account.id) seen.push(d.event);
      return { status: 'sent' as const };
    };
    const a = startDispatcher({ platform: 'slack', queue: db.store.deliveries, deliver, log: memoryLogger(), owner: 'a', pollMs: 60_000 });
    running.push(a);
    await a.drain();
    expect(seen).toEqual(['opened', 'repeated', 'resolved']);
    await a.drain();
    expect(seen).toHaveLength(3);
  });

  it('backs off after an unexpected error and gives up after ten attempts, logging each', async () => {
    const { account } = await testAccount(db.store);
    await db.store.notifications.enqueue({ accountId: account.id, subject: 'approval', subjectId: 7, event: 'created', payload: {}, now: new Date() });
    let calls = 0;
    const log = memoryLogger();
    // A clock in the past makes every backoff already due, so the ten attempts happen in one drain.
    const d = startDispatcher({
      platform: 'teams', queue: db.store.deliveries, log, owner: 'b', pollMs: 60_000, now: () => new Date(Date.now() - 86_400_000 * 365),
      // The outbox is shared by the tests of this file: only this test's notification counts.
      deliver: async (n) => {
        if (n.accountId !== account.id) return { status: 'sent' as const };
        calls++;
        throw new Error('connect ECONNREFUSED 127.0.0.1:1');
      },
    });
    running.push(d);
    await d.drain();
    expect(calls).toBe(10);
    expect(log.lines.filter((l) => l.msg.includes('could not deliver a notification'))).toHaveLength(10);
    expect(log.lines.filter((l) => l.msg === 'teams: gave up on a notification')).toHaveLength(1);
    await d.drain();
    expect(calls).toBe(10);
  });

  it('retries a rate-limited delivery at the time the platform asked for, not before', async () => {
    const { account } = await testAccount(db.store);
    await db.store.notifications.enqueue({ accountId: account.id, subject: 'alert', subjectId: 9, event: 'opened', payload: {}, now: new Date() });
    const at: number[] = [];
    const d = startDispatcher({
      platform: 'limits', queue: db.store.deliveries, log: memoryLogger(), owner: 'c', pollMs: 20,
      deliver: async (n) => {
        if (n.accountId !== account.id) return { status: 'sent' as const };
        at.push(Date.now());
        return at.length === 1 ? { status: 'retry' as const, retryAt: new Date(Date.now() + 1_000), error: '429' } : { status: 'sent' as const };
      },
    });
    running.push(d);
    while (at.length < 2) await new Promise((r) => setTimeout(r, 20));
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(1_000);
  });
});
