import { ProbeFailure } from '../../core/probe.ts';
import type { CertificateInfo } from '../../core/ports.ts';

/**
 * Turns whatever ldapts or Node threw into the raw facts the classifier needs. No
 * interpretation here: ldapts result errors carry a numeric LDAP code, socket and TLS
 * errors a string Node code, and some faults only a message.
 */
export function observe(e: unknown, certificate: CertificateInfo | null = null): ProbeFailure {
  if (e instanceof ProbeFailure) return e;
  const error = e instanceof Error ? e : new Error(String(e));
  const code = (error as { code?: unknown }).code;
  // ldapts appends " Code: 0x31"; AD ends its diagnostics with a NUL.
  const diagnostic = error.message.replace(/\s*Code: 0x[0-9a-f]+$/i, '').replace(/\0/g, '').trim();
  // The report's one raw line: the LDAP result or Node code, then whatever the server said.
  const head = typeof code === 'number' ? `LDAP result ${code} (${error.name.replace(/Error$/, '')})` : typeof code === 'string' ? code : error.name;
  return new ProbeFailure(
    {
      ...(typeof code === 'number' && { ldapCode: code }),
      ...(typeof code === 'string' && { errorCode: code }),
      diagnostic,
      message: diagnostic ? `${head}: ${diagnostic}` : head,
    },
    certificate,
  );
}
