import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack's replay window: a request signed more than this long ago (or ahead) is refused. */
export const SIGNATURE_WINDOW_MS = 5 * 60_000;

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/**
 * Slack request signing, v0: `v0=` + hex HMAC-SHA256(secret, `v0:{timestamp}:{raw body}`). Checked
 * over the raw bytes before anything parses them, compared in constant time.
 */
export function verifySlackSignature(input: {
  signingSecret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: string;
  now: Date;
}): SignatureCheck {
  const { timestamp, signature } = input;
  if (!timestamp || !signature) return { ok: false, reason: 'missing X-Slack-Request-Timestamp or X-Slack-Signature' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'malformed X-Slack-Request-Timestamp' };
  const skew = Math.abs(input.now.getTime() - Number(timestamp) * 1000);
  if (skew > SIGNATURE_WINDOW_MS) return { ok: false, reason: `stale request: signed ${Math.round(skew / 1000)} s away from this server's clock (limit 300 s)` };
  const expected = `v0=${createHmac('sha256', input.signingSecret).update(`v0:${timestamp}:${input.rawBody}`).digest('hex')}`;
  const a = Buffer.from(expected);
  const b = Buffer.from(signature);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return { ok: false, reason: 'signature does not match (wrong signing secret, or the body was altered)' };
  return { ok: true };
}

/** What a sender computes: used by tests and by nothing else in production. */
export function signSlackRequest(signingSecret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}
