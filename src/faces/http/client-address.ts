import { isIP } from 'node:net';

/** `::ffff:192.0.2.1` (an IPv4 peer on a dual-stack socket) is `192.0.2.1`. */
export function normalizeAddress(address: string): string {
  const a = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  return mapped ? mapped[1]! : a;
}

/**
 * The address a request came from, for per-client limits (failed sign-ins). Only a peer listed
 * as a trusted proxy may speak for its client through X-Forwarded-For, and then only the hops
 * it and other trusted proxies added count: the rightmost address that is not a trusted proxy.
 * Anything a client wrote into the header itself sits further left and is ignored.
 */
export function clientAddress(peer: string | undefined, forwardedFor: string | undefined, trustedProxies: ReadonlySet<string>): string | undefined {
  if (!peer) return undefined;
  const direct = normalizeAddress(peer);
  if (!trustedProxies.has(direct) || !forwardedFor) return direct;
  const hops = forwardedFor.split(',').map(normalizeAddress);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    // A hop that is not an address (garbage, "unknown") ends what can be believed.
    if (!isIP(hop)) return direct;
    if (!trustedProxies.has(hop)) return hop;
  }
  return direct;
}
