import { describe, expect, it } from 'vitest';
import { scryptPasswords } from '../../src/adapters/secrets/scrypt-passwords.ts';

describe('scrypt passwords', () => {
  const hasher = scryptPasswords();

  it('stores a self-describing salted hash that verifies only the same password', async () => {
    const stored = await hasher.hash('correct horse battery staple');
    expect(stored).toMatch(/^scrypt\$15\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(await hasher.hash('correct horse battery staple')).not.toBe(stored); // a fresh salt each time
    expect(await hasher.verify('correct horse battery staple', stored)).toBe(true);
    expect(await hasher.verify('correct horse battery stapl', stored)).toBe(false);
    expect(await hasher.verify('', stored)).toBe(false);
  });

  it('verifies hashes made at another cost, so the cost can be raised later', async () => {
    const old = await scryptPasswords({ log2N: 12, r: 8, p: 1 }).hash('an older passphrase');
    expect(old.startsWith('scrypt$12$8$1$')).toBe(true);
    expect(await hasher.verify('an older passphrase', old)).toBe(true);
  });

  it('treats Unicode forms of the same text as the same password', async () => {
    const stored = await hasher.hash('caf\u00e9 au lait, s\u2019il vous pla\u00eet');
    expect(await hasher.verify('cafe\u0301 au lait, s\u2019il vous pla\u00eet', stored)).toBe(true);
  });

  it('answers false, never throws, for stored strings it did not write', async () => {
    const good = await hasher.hash('correct horse battery staple');
    const parts = good.split('$');
    const variants = [
      '', 'plain', 'bcrypt$2b$10$abc', good.replace('scrypt', 'SCRYPT'), parts.slice(0, 5).join('$'),
      [...parts.slice(0, 1), '40', ...parts.slice(2)].join('$'), // would need terabytes
      [...parts.slice(0, 2), 'x', ...parts.slice(3)].join('$'),
      [...parts.slice(0, 4), '', parts[5]].join('$'),
      [...parts.slice(0, 5), 'AAAA'].join('$'),
    ];
    for (const stored of variants) expect(await hasher.verify('correct horse battery staple', stored), stored).toBe(false);
  });
});
