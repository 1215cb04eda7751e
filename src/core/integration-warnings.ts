import type { Integration } from './integration.ts';

export const CERTIFICATE_WARNING_DAYS = 30;
const DAY_MS = 86_400_000;

/** What to do about an LDAPS certificate near or past its expiry; sentences, no markup. */
export const CERTIFICATE_CHECKLIST = [
  'Renew the certificate on the directory server (with its chain) and restart the LDAP service.',
  "On Active Directory the renewed certificate goes in the domain controller's NTDS\\Personal store, with its private key.",
  'Then test the connection to see the new expiry date.',
];

export function daysUntil(date: Date, now: Date): number {
  return Math.floor((date.getTime() - now.getTime()) / DAY_MS);
}

/** Standing warnings about a configuration (not about a run): every face shows these. */
export function integrationWarnings(
  integration: Pick<Integration, 'tlsMode'>,
  certificates: { subject: string; notAfter: string }[],
  now: Date,
): string[] {
  const warnings: string[] = [];
  if (integration.tlsMode === 'none') {
    warnings.push('plain LDAP without TLS: the bind password crosses the network in clear. Use ldaps:// or StartTLS.');
  }
  for (const cert of certificates) {
    const days = daysUntil(new Date(cert.notAfter), now);
    if (days < 0) warnings.push(`certificate ${cert.subject} expired ${-days} days ago (${cert.notAfter.slice(0, 10)})`);
    else if (days <= CERTIFICATE_WARNING_DAYS) warnings.push(`certificate ${cert.subject} expires in ${days} days (${cert.notAfter.slice(0, 10)})`);
  }
  return warnings;
}
