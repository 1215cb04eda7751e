import { isIP } from 'node:net';
import tls from 'node:tls';
import type { ProbeSettings } from '../../core/probe.ts';

/** Node's bundled roots plus the operating system's store (Debian: /etc/ssl/certs). */
let systemRoots: string[] | undefined;
function trustedRoots(): string[] {
  systemRoots ??= [...new Set([...tls.getCACertificates('default'), ...tls.getCACertificates('system')])];
  return systemRoots;
}

/**
 * TLS options for a directory: the system store plus the integration's CA bundle, the host
 * name checked against the certificate, and the client certificate when configured.
 * Verification stays on: there is no option here to turn it off.
 */
export function tlsOptions(settings: ProbeSettings, host: string): tls.ConnectionOptions {
  return {
    ca: settings.caPem ? [...trustedRoots(), settings.caPem] : trustedRoots(),
    // SNI takes names only; the identity check uses `host` for IP addresses.
    ...(isIP(host) ? {} : { servername: host }),
    host,
    minVersion: 'TLSv1.2',
    ...(settings.clientCertPem && settings.clientKeyPem ? { cert: settings.clientCertPem, key: settings.clientKeyPem } : {}),
  };
}
