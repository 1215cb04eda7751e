import { createPrivateKey, X509Certificate } from 'node:crypto';
import type { CertificateInfo, Pki } from '../../core/ports.ts';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

export const x509Pki: Pki = {
  parseCertificates(pem) {
    const blocks = pem.match(PEM_BLOCK) ?? [];
    if (blocks.length === 0) {
      throw new Error(/PRIVATE KEY/.test(pem) ? 'this is a private key, not a certificate' : 'no PEM certificate found (expected -----BEGIN CERTIFICATE-----)');
    }
    return blocks.map((block, i) => {
      try {
        return describe(new X509Certificate(block));
      } catch (e) {
        throw new Error(`certificate ${i + 1} of ${blocks.length} cannot be read: ${(e as Error).message}`);
      }
    });
  },
  checkPrivateKey(keyPem) {
    readKey(keyPem, 'the key');
  },
  checkKeyPair(certPem, keyPem) {
    const key = readKey(keyPem, 'the client key');
    const [block] = certPem.match(PEM_BLOCK) ?? [];
    if (!block) throw new Error('no PEM certificate found in the client certificate');
    if (!new X509Certificate(block).checkPrivateKey(key)) throw new Error('the client key does not belong to the client certificate');
  },
};

function readKey(pem: string, what: string) {
  try {
    return createPrivateKey(pem);
  } catch {
    throw new Error(`${what} is not a readable, unencrypted PEM private key`);
  }
}

export function describe(cert: X509Certificate): CertificateInfo {
  return {
    subject: oneLine(cert.subject),
    issuer: oneLine(cert.issuer),
    notBefore: new Date(cert.validFrom),
    notAfter: new Date(cert.validTo),
    fingerprint256: cert.fingerprint256,
  };
}

/** Node prints names one attribute per line; messages want `CN=…, O=…`. */
function oneLine(name: string): string {
  return name.split('\n').filter(Boolean).join(', ');
}
