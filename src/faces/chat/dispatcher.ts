import type { Delivery, DeliveryQueue } from '../../core/chat-ports.ts';
import type { Logger } from '../../core/ports.ts';

export type DeliveryOutcome =
  | { status: 'sent' | 'skipped' }
  | { status: 'failed'; error: string }
  | { status: 'retry'; retryAt: Date; error: string };

/** Posts one notification to a platform. Throwing means "try again later". */
export type Deliver = (delivery: Delivery) => Promise<DeliveryOutcome>;

export interface DispatcherOptions {
  platform: string;
  queue: DeliveryQueue;
  deliver: Deliver;
  log: Logger;
  owner: string;
  /** The account whose notifications this dispatcher delivers (each chat face serves one). */
  accountId?: string;
  pollMs?: number;
  leaseMs?: number;
  now?: () => Date;
}

/** Notifications older than this are not posted at all: a day-old "failed" alert helps nobody. */
const MAX_AGE_MS = 24 * 3600_000;
const MAX_ATTEMPTS = 10;
const BATCH = 20;

/**
 * Delivers the outbox to one chat platform: claims notifications (per message in order, across
 * replicas once), posts each, records the outcome. Unexpected errors back off exponentially.
 */
export function startDispatcher(opts: DispatcherOptions) {
  const now = opts.now ?? (() => new Date());
  const pollMs = opts.pollMs ?? 1_000;
  const leaseMs = opts.leaseMs ?? 60_000;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> | null = null;
  let again = false;

  async function deliverOne(d: Delivery): Promise<void> {
    let outcome: DeliveryOutcome;
    try {
      outcome = await opts.deliver(d);
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      const attempt = d.attempts + 1;
      outcome = attempt >= MAX_ATTEMPTS
        ? { status: 'failed', error }
        : { status: 'retry', retryAt: new Date(now().getTime() + Math.min(5_000 * 2 ** d.attempts, 600_000)), error };
      opts.log.warn(`${opts.platform}: could not deliver a notification (attempt ${attempt} of ${MAX_ATTEMPTS})`, { notification: d.id, subject: `${d.subject}#${d.subjectId}`, event: d.event, err });
    }
    if (outcome.status === 'failed') opts.log.error(`${opts.platform}: gave up on a notification`, { notification: d.id, subject: `${d.subject}#${d.subjectId}`, error: outcome.error });
    await opts.queue.settle(d.id, opts.platform, outcome.status === 'retry' ? { status: 'retry', retryAt: outcome.retryAt } : { status: outcome.status }, 'error' in outcome ? outcome.error : null);
  }

  /** One pass: deliver everything claimable now. Returns how many were handled. */
  async function drain(): Promise<number> {
    let handled = 0;
    for (;;) {
      const batch = await opts.queue.claim(opts.platform, opts.owner, BATCH, leaseMs, new Date(now().getTime() - MAX_AGE_MS), opts.accountId);
      if (batch.length === 0) return handled;
      for (const d of batch) await deliverOne(d);
      handled += batch.length;
    }
  }

  function schedule(ms: number): void {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, ms);
    timer.unref();
  }

  function tick(): void {
    if (running) {
      again = true;
      return;
    }
    running = drain()
      .catch((err: unknown) => opts.log.error(`${opts.platform}: notification dispatch failed`, { err }))
      .then(() => {
        running = null;
        schedule(again ? 0 : pollMs);
        again = false;
      });
  }

  schedule(0);
  return {
    drain,
    /** Look now instead of at the next poll (after a change this process just committed). */
    wake: () => schedule(0),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

export type Dispatcher = ReturnType<typeof startDispatcher>;
