/** Slack's replay window: a request signed more than this long ago (or ahead) is refused. */
export const SIGNATURE_WINDOW_MS = 5 * 60_000;

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/**
 * Slack request signing, v0: `v0=` + hex HMAC-SHA256(secret, `v0:{timestamp}:{raw body}`). Checked
 * over the raw bytes before anything parses them. Web Crypto only, so Node's Bolt receiver and the
 * Cloudflare Worker check it with the same code; `subtle.verify` compares in constant time.
 */
export async function verifySlackSignature(input: {
  signingSecret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: string;
  now: Date;
}): Promise<SignatureCheck> {
  const { timestamp, signature } = input;
  if (!timestamp || !signature) return { ok: false, reason: 'missing X-Slack-Request-Timestamp or X-Slack-Signature' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'malformed X-Slack-Request-Timestamp' };
  const skew = Math.abs(input.now.getTime() - Number(timestamp) * 1000);
  if (skew > SIGNATURE_WINDOW_MS) return { ok: false, reason: `stale request: signed ${Math.round(skew / 1000)} s away from this server's clock (limit 300 s)` };
  const mismatch = { ok: false, reason: 'signature does not match (wrong signing secret, or the body was altered)' } as const;
  const hex = /^v0=([0-9a-f]{64})$/.exec(signature)?.[1];
  if (!hex) return mismatch;
  const utf8 = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', utf8.encode(input.signingSecret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  const mac = Uint8Array.from(hex.match(/../g)!, (byte) => parseInt(byte, 16));
  return (await crypto.subtle.verify('HMAC', key, mac, utf8.encode(`v0:${timestamp}:${input.rawBody}`))) ? { ok: true } : mismatch;
}
