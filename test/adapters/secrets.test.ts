import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSecretBox, keyFingerprint } from '../../src/adapters/secrets/secret-box.ts';
import { resolveSecretKey } from '../../src/adapters/secrets/secret-key.ts';
import { createTokenMac } from '../../src/adapters/secrets/token-mac.ts';

describe('createSecretBox (AES-256-GCM)', () => {
  const key = randomBytes(32);
  const box = createSecretBox(key);

  it('round-trips, with a fresh nonce each time and no clear text in the sealed form', async () => {
    const a = await box.seal('pa$$wörd', 'integration:1:bindPassword');
    const b = await box.seal('pa$$wörd', 'integration:1:bindPassword');
    expect(a).not.toBe(b);
    expect(a).not.toContain('pa$$');
    expect(a.startsWith(`v1:${keyFingerprint(key)}:`)).toBe(true);
    await expect(box.open(a, 'integration:1:bindPassword')).resolves.toBe('pa$$wörd');
  });

  it('will not open a secret moved to another row or field', async () => {
    const sealed = await box.seal('secret', 'integration:1:bindPassword');
    await expect(box.open(sealed, 'integration:2:bindPassword')).rejects.toThrow(/moved to another row/);
    await expect(box.open(sealed, 'integration:1:clientKey')).rejects.toThrow(/failed authentication/);
  });

  it('detects tampering', async () => {
    const sealed = await box.seal('secret', 'c');
    const parts = sealed.split(':');
    parts[4] = Buffer.from('x' + Buffer.from(parts[4]!, 'base64').toString('latin1').slice(1), 'latin1').toString('base64');
    await expect(box.open(parts.join(':'), 'c')).rejects.toThrow(/failed authentication/);
  });

  it('names the key mismatch instead of failing obscurely', async () => {
    const other = randomBytes(32);
    const sealed = await createSecretBox(other).seal('secret', 'c');
    await expect(box.open(sealed, 'c')).rejects.toThrow(`sealed with key ${keyFingerprint(other)}, but the configured DIRSYNC_SECRET_KEY is ${keyFingerprint(key)}`);
  });

  it('refuses a key of the wrong size', () => {
    expect(() => createSecretBox(randomBytes(16))).toThrow(/32 bytes/);
  });
});

describe('resolveSecretKey', () => {
  it('prefers the configured key and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dirsync-key-'));
    const key = randomBytes(32);
    expect(resolveSecretKey(key, dir)).toEqual({ key, source: { kind: 'configured' } });
    expect(() => statSync(join(dir, 'secret.key'))).toThrow();
  });

  it('generates a key once into the data folder with mode 0600, then reuses it', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'dirsync-key-')), 'nested');
    const first = resolveSecretKey(null, dir);
    expect(first.source).toEqual({ kind: 'file', path: join(dir, 'secret.key'), created: true });
    expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    const second = resolveSecretKey(null, dir);
    expect(second.source).toMatchObject({ created: false });
    expect(second.key.equals(first.key)).toBe(true);
  });

  it('refuses a damaged key file rather than silently replacing it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dirsync-key-'));
    writeFileSync(join(dir, 'secret.key'), 'c2hvcnQ=\n');
    expect(() => resolveSecretKey(null, dir)).toThrow(/32-byte base64 key/);
    expect(readFileSync(join(dir, 'secret.key'), 'utf8')).toBe('c2hvcnQ=\n');
  });
});

describe('createTokenMac (HMAC-SHA256 under a subkey per purpose)', () => {
  const key = randomBytes(32);
  const mac = createTokenMac(key);

  it('signs with HMAC(HMAC(key, label), data), so replicas with the same key agree and the key itself signs nothing', async () => {
    const subkey = createHmac('sha256', key).update('dirsync token-mac v1: sign-in').digest();
    const signed = await mac.sign('sign-in', 'nonce-1');
    expect(signed).toBe(createHmac('sha256', subkey).update('nonce-1').digest('base64url'));
    expect(signed).not.toBe(createHmac('sha256', key).update('nonce-1').digest('base64url'));
    expect(await createTokenMac(Buffer.from(key)).sign('sign-in', 'nonce-1')).toBe(signed);
    await expect(mac.verify('sign-in', 'nonce-1', signed)).resolves.toBe(true);
  });

  it('refuses a MAC for other data, another purpose or another key, and one that is not base64url', async () => {
    const signed = await mac.sign('sign-in', 'nonce-1');
    await expect(mac.verify('sign-in', 'nonce-2', signed)).resolves.toBe(false);
    await expect(mac.verify('setup', 'nonce-1', signed)).resolves.toBe(false);
    await expect(createTokenMac(randomBytes(32)).verify('sign-in', 'nonce-1', signed)).resolves.toBe(false);
    for (const bad of ['', signed.slice(0, -2), `${signed}A`, signed.replace(/.$/, '+'), '!!!!', 'a'.repeat(43)]) {
      await expect(mac.verify('sign-in', 'nonce-1', bad), bad).resolves.toBe(false);
    }
  });
});
