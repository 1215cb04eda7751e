import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { PasswordHasher } from '../../core/web-auth.ts';

const MiB = 1024 * 1024;
const SCHEME = 'scrypt';

export interface ScryptCost {
  /** N = 2^log2N. */
  log2N: number;
  r: number;
  p: number;
}

/** ~32 MiB and tens of milliseconds per hash: costly to guess at scale, cheap for one sign-in. */
export const DEFAULT_COST: ScryptCost = { log2N: 15, r: 8, p: 1 };

function derive(password: string, salt: Buffer, keyLength: number, cost: ScryptCost): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; the headroom keeps a later, higher cost from failing on old limits.
  const options: ScryptOptions = { N: 2 ** cost.log2N, r: cost.r, p: cost.p, maxmem: Math.max(64 * MiB, 256 * 2 ** cost.log2N * cost.r) };
  // NFC: the same password typed on two systems may arrive in different Unicode forms.
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, keyLength, options, (e, key) => (e ? reject(e) : resolve(key))));
}

/**
 * Stored as `scrypt$<log2 N>$<r>$<p>$<salt b64>$<key b64>`: each hash names its own cost, so the
 * cost can be raised later and old hashes still verify.
 */
export function scryptPasswords(cost: ScryptCost = DEFAULT_COST): PasswordHasher {
  return {
    async hash(password) {
      const salt = randomBytes(16);
      const key = await derive(password, salt, 32, cost);
      return [SCHEME, cost.log2N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
    },
    async verify(password, stored) {
      const parsed = parseStored(stored);
      if (!parsed) return false;
      try {
        const key = await derive(password, parsed.salt, parsed.key.length, parsed.cost);
        return timingSafeEqual(key, parsed.key);
      } catch {
        return false;
      }
    },
  };
}

/** null for anything that is not a hash this adapter wrote (or could have, at another cost). */
function parseStored(stored: string): { cost: ScryptCost; salt: Buffer; key: Buffer } | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== SCHEME) return null;
  const [log2N, r, p] = parts.slice(1, 4).map((n) => (/^\d{1,3}$/.test(n!) ? Number(n) : NaN));
  // Bounds keep a corrupted row from asking for gigabytes of memory.
  if (!(log2N! >= 10 && log2N! <= 20 && r! >= 1 && r! <= 32 && p! >= 1 && p! <= 16)) return null;
  const salt = Buffer.from(parts[4]!, 'base64');
  const key = Buffer.from(parts[5]!, 'base64');
  if (salt.length < 8 || key.length < 16 || key.length > 64) return null;
  return { cost: { log2N: log2N!, r: r!, p: p! }, salt, key };
}
