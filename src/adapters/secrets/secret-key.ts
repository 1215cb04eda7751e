import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type KeySource = { kind: 'configured' } | { kind: 'file'; path: string; created: boolean };

/**
 * The key from configuration, or else one generated once into the data folder (0600).
 * A generated key living next to the data it protects is a convenience for first runs;
 * the caller warns about it.
 */
export function resolveSecretKey(configured: Buffer | null, dataDir: string): { key: Buffer; source: KeySource } {
  if (configured) return { key: configured, source: { kind: 'configured' } };
  const path = join(dataDir, 'secret.key');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${path} does not hold a 32-byte base64 key`);
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
    return { key, source: { kind: 'file', path, created: false } };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const key = randomBytes(32);
  // 'wx': never overwrite a key another process just wrote.
  writeFileSync(path, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return { key, source: { kind: 'file', path, created: true } };
}
