import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { SecretBox } from '../../core/ports.ts';

const VERSION = 'v1';

/**
 * AES-256-GCM with a random 96-bit nonce per secret. The sealed form names the key by a short
 * fingerprint, so a wrong or rotated key is reported as such instead of as "bad tag".
 * `context` is authenticated data: a ciphertext copied to another row or field will not open.
 */
export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error(`the secret key must be 32 bytes, got ${key.length}`);
  const keyId = keyFingerprint(key);
  return {
    async seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, keyId, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
    },
    async open(sealed, context) {
      const [version, sealedKeyId, iv, tag, body] = sealed.split(':');
      if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('not a sealed secret');
      if (sealedKeyId !== keyId) {
        throw new Error(`this secret was sealed with key ${sealedKeyId}, but the configured DIRSYNC_SECRET_KEY is ${keyId}`);
      }
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      try {
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
      } catch {
        throw new Error('a stored secret failed authentication (tampered with, or moved to another row)');
      }
    },
  };
}

/** Short, non-reversible key name for messages and the sealed form. */
export function keyFingerprint(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}
