import type { SeenRequests } from '../../core/chat-ports.ts';
import type { Logger } from '../../core/ports.ts';
import type { SlackPayload } from './slack-payload.ts';
import { SIGNATURE_WINDOW_MS } from './verify-signature.ts';

/** A signature verifies for 5 minutes either side of its timestamp; the rest is room for replicas whose clocks disagree. */
const SIGNATURE_KEPT_MS = 3 * SIGNATURE_WINDOW_MS;
/** Slack retries an event at once, after 1 and after 5 minutes; an hour covers that with room. */
const HANDLED_KEPT_MS = 60 * 60_000;
const PRUNE_EVERY_MS = 60_000;

/** `new`: run it. `replay`: this exact signed request was accepted before. `duplicate`: its content was. */
export type Admission = 'new' | 'replay' | 'duplicate';

export interface SignedSlackRequest {
  /** The verified `X-Slack-Signature` and `X-Slack-Request-Timestamp` (seconds). */
  signature: string;
  timestamp: number;
  rawBody: string;
  payload: SlackPayload;
  now: Date;
}

/**
 * Each verified Slack request is accepted once. Two keys are remembered in one atomic insert:
 * - the signature, so the same signed request sent again (a replay) is refused;
 * - what the request is: an event's `event_id`, else a hash of the body. Slack retries an event
 *   with the same body under a new timestamp and signature; slash commands and button clicks are
 *   never retried, and each carries its own `trigger_id`, so the same body twice is one request.
 * A request with a fresh signature and a body never seen is new: only someone who holds the
 * signing secret can make one, and no store can tell it from a genuine request.
 * The hash is Web Crypto's, which Workers have too.
 */
export function slackReplayGuard(seen: SeenRequests, log: Logger) {
  let prunedAt = 0;
  return async function admit(request: SignedSlackRequest): Promise<Admission> {
    const signatureKey = `slack:signature:${request.signature}`;
    const requestKey = request.payload.kind === 'event' ? `slack:event:${request.payload.body.event_id}` : `slack:body:${await sha256(request.rawBody)}`;
    const now = request.now.getTime();
    const fresh = await seen.remember(
      [
        { key: signatureKey, until: new Date(request.timestamp * 1000 + SIGNATURE_KEPT_MS) },
        { key: requestKey, until: new Date(now + HANDLED_KEPT_MS) },
      ],
      request.now,
    );
    if (now - prunedAt >= PRUNE_EVERY_MS) {
      prunedAt = now;
      await seen.prune(request.now).catch((err: unknown) => log.warn('could not prune remembered Slack requests; retrying in a minute', { err }));
    }
    if (!fresh.has(signatureKey)) return 'replay';
    return fresh.has(requestKey) ? 'new' : 'duplicate';
  };
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
