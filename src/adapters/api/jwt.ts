import { createHash, createSign, X509Certificate } from 'node:crypto';

const b64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

/** A compact JWS signed RS256 (RFC 7515/7518): what both token endpoints take as an assertion. */
export function signJwt(header: Record<string, string>, claims: Record<string, unknown>, keyPem: string): string {
  const input = `${b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', ...header }))}.${b64url(JSON.stringify(claims))}`;
  return `${input}.${b64url(createSign('RSA-SHA256').update(input).sign(keyPem))}`;
}

/** `x5t`: the base64url SHA-1 thumbprint of the certificate, by which Entra ID finds the uploaded one. */
export function thumbprint(certPem: string): string {
  return b64url(createHash('sha1').update(new X509Certificate(certPem).raw).digest());
}
