import { adSubCode, type Observation } from './classify.ts';
import type { FailureReason } from './failures.ts';
import type { CertificateInfo } from './ports.ts';

/** Where a failing step was pointed at, for the message. */
export interface FailureContext {
  host: string;
  port: number;
  dn?: string;
}

const date = (d: Date) => d.toISOString().slice(0, 10);

/** The specific half of a failure message: the explanation says what, this says about what. */
export function failureSpecifics(reason: FailureReason, o: Observation, cert: CertificateInfo | null, at: FailureContext): string {
  const code = adSubCode(o.diagnostic);
  const certText = cert ? ` Certificate: ${cert.subject}, issued by ${cert.issuer}, valid ${date(cert.notBefore)} to ${date(cert.notAfter)}.` : '';
  switch (reason) {
    case 'cert_expired':
      return cert ? ` It expired on ${date(cert.notAfter)}.${certText}` : '';
    case 'cert_not_yet_valid':
    case 'cert_untrusted':
      return certText;
    case 'cert_hostname_mismatch':
      return ` The URL names ${at.host}.${certText}`;
    case 'connection_refused':
      return ` ${at.host} port ${at.port} refused.`;
    case 'connection_timeout':
      return ` No answer from ${at.host} port ${at.port} within ${Math.round(o.timeoutMs / 100) / 10} s.`;
    case 'dns_not_found':
      return ` Could not resolve ${at.host}.`;
    case 'base_dn_not_found':
      if (!at.dn) return '';
      return o.matchedDn ? ` Nothing at ${at.dn}; the closest entry the account can read is ${o.matchedDn}.` : ` Nothing at ${at.dn}${o.inNamingContext === false ? ', which is outside every naming context the server holds' : ''}.`;
    case 'insufficient_access':
      return at.dn ? ` The account cannot see ${at.dn} or anything above it, although the server holds that naming context.` : '';
    case 'tls_required':
      return ` (${at.host} port ${at.port})`;
    case 'tls_handshake_failed':
    case 'starttls_unsupported':
      return ` ${at.host} port ${at.port}${o.diagnostic ? `: ${o.diagnostic}` : ''}.`;
    case 'empty_result':
    case 'missing_mail_attributes':
    case 'invalid_utf8_value':
      return o.message ? ` ${o.message}` : '';
    default:
      return code ? ` (Active Directory: data ${code})` : '';
  }
}

/** Replaces every occurrence of a secret; used on everything a test reports or stores. */
export function redact(text: string, secrets: string[]): string {
  return secrets.filter((s) => s.length >= 3).reduce((out, s) => out.split(s).join('[redacted]'), text);
}
