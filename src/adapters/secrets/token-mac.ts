import type { TokenMac } from '../../core/ports.ts';
import { base64Url } from '../../core/web-auth.ts';

const HMAC = { name: 'HMAC', hash: 'SHA-256' } as const;
const utf8 = (text: string) => new TextEncoder().encode(text);
type Key = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

/**
 * HMAC-SHA256 under a subkey per purpose: HMAC(secret key, label). The secret key itself never
 * signs a token, and a MAC made for one purpose is worthless for another. Web Crypto only, so
 * the same code runs on Node and on Workers.
 */
export function createTokenMac(secretKey: Uint8Array): TokenMac {
  const master = crypto.subtle.importKey('raw', new Uint8Array(secretKey), HMAC, false, ['sign']);
  const subkeys = new Map<string, Promise<Key>>();
  const subkey = (purpose: string) => {
    let key = subkeys.get(purpose);
    if (!key) {
      key = master
        .then((m) => crypto.subtle.sign('HMAC', m, utf8(`dirsync token-mac v1: ${purpose}`)))
        .then((bytes) => crypto.subtle.importKey('raw', bytes, HMAC, false, ['sign', 'verify']));
      subkeys.set(purpose, key);
    }
    return key;
  };
  return {
    async sign(purpose, data) {
      return base64Url(new Uint8Array(await crypto.subtle.sign('HMAC', await subkey(purpose), utf8(data))));
    },
    async verify(purpose, data, mac) {
      const bytes = fromBase64Url(mac);
      return bytes !== null && crypto.subtle.verify('HMAC', await subkey(purpose), bytes, utf8(data));
    },
  };
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[\w-]*$/.test(text)) return null;
  try {
    return Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}
