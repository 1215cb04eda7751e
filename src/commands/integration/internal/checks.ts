import { invalid, type FieldIssue } from '../../../core/errors.ts';
import { isApiKind, type AttributeMap, type IntegrationKind, type TlsMode } from '../../../core/integration.ts';
import type { CommandContext } from '../../context.ts';
import { NON_DN_BIND } from './input.ts';

/** The settings of an integration after defaults and patches, before it is written. */
export interface IntegrationDraft {
  kind: IntegrationKind;
  urls: string[];
  bindDn: string;
  tlsMode: TlsMode;
  caPem: string | null;
  clientCertPem: string | null;
  /** Only the plaintext key needs checking against the certificate; null when unchanged or absent. */
  clientKeyPem: string | null;
  hasClientKey: boolean;
  schedule: string;
  attributes: AttributeMap;
}

/**
 * Rules that span fields or need a port (croner, X.509). Collects every issue so one
 * attempt shows the operator everything to fix.
 */
export function checkIntegrationDraft(ctx: CommandContext, draft: IntegrationDraft, timeZone: string): void {
  const issues: FieldIssue[] = [];
  if (!isApiKind(draft.kind)) ldapChecks(ctx, draft, issues);
  // The syntax was checked with the input; this catches a schedule that never fires in the zone.
  const cronProblem = ctx.cron.check(draft.schedule, timeZone);
  if (cronProblem) issues.push({ field: 'schedule', message: cronProblem });
  if (draft.attributes.mail.toLowerCase() === draft.attributes.proxyAddresses.toLowerCase()) {
    issues.push({
      field: 'attributes.proxyAddresses',
      message: 'mail and proxyAddresses must be two different attributes; for a directory without proxy addresses give --attr proxyAddresses= (empty)',
    });
  }
  if (issues.length > 0) throw invalid(issues);
}

/** Transport, bind identity and client certificate: LDAP kinds only (API kinds check theirs in api-draft.ts). */
function ldapChecks(ctx: CommandContext, draft: IntegrationDraft, issues: FieldIssue[]): void {
  const schemes = new Set(draft.urls.map((u) => u.slice(0, u.indexOf(':')).toLowerCase()));
  if (schemes.size > 1) {
    issues.push({ field: 'urls', message: 'mix of ldap:// and ldaps:// URLs: all servers of one integration must use the same transport' });
  }
  const scheme = [...schemes][0];
  if (scheme === 'ldaps' && draft.tlsMode !== 'ldaps') {
    issues.push({ field: 'tlsMode', message: `ldaps:// URLs are TLS from the first byte; use tls mode "ldaps", not "${draft.tlsMode}"`, fix: 'ldaps' });
  }
  if (scheme === 'ldap' && draft.tlsMode === 'ldaps') {
    issues.push({
      field: 'tlsMode',
      message: 'tls mode "ldaps" needs ldaps:// URLs; for ldap:// use "starttls" (or "none", which sends the password in clear)',
      fix: 'starttls',
    });
  }
  if (draft.kind !== 'active_directory' && NON_DN_BIND.test(draft.bindDn)) {
    issues.push({ field: 'bindDn', message: `"${draft.bindDn}" is not a DN: only Active Directory accepts user@domain or DOMAIN\\user; give the account's full DN` });
  }
  if (draft.clientCertPem !== null && !draft.hasClientKey) {
    issues.push({ field: 'clientKeyPem', message: 'a client certificate needs its private key' });
  } else if (draft.clientCertPem === null && draft.hasClientKey) {
    issues.push({ field: 'clientCertPem', message: 'a client key was given without its certificate' });
  } else if (draft.clientCertPem !== null && draft.clientKeyPem !== null) {
    try {
      ctx.pki.checkKeyPair(draft.clientCertPem, draft.clientKeyPem);
    } catch (e) {
      issues.push({ field: 'clientCertPem', message: (e as Error).message });
    }
  }
}
