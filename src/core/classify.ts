import type { Classification, FailureReason } from './failures.ts';
import { classOf } from './failures.ts';
import type { StageName } from './stages.ts';

/**
 * What the LDAP adapter saw when something went wrong, without interpretation. Several network
 * faults reach us as plain Errors with no code, so the stage and the elapsed time matter.
 */
export interface Observation {
  stage: StageName;
  elapsedMs: number;
  /** The time limit in force for the operation that failed. */
  timeoutMs: number;
  /** LDAP result code, when the server answered with one. */
  ldapCode?: number;
  /** The server's diagnostic message (for AD: `80090308: LdapErr: … data 52e, v…`). */
  diagnostic?: string;
  /** Node's error code: ECONNREFUSED, CERT_HAS_EXPIRED, ERR_TLS_CERT_ALTNAME_INVALID, … */
  errorCode?: string;
  message?: string;
  /** base_dn: the closest ancestor the account can read (null: none), and whether the DN lies in a naming context. */
  matchedDn?: string | null;
  inNamingContext?: boolean;
  /** API kinds: the HTTP status of a refused request, the OAuth or Graph error code, and Entra's AADSTS numbers. */
  httpStatus?: number;
  apiError?: string;
  aadsts?: number[];
  /** A finding in the data rather than an error. */
  finding?: 'empty_result' | 'missing_attributes' | 'invalid_utf8';
}

/** AD bind sub-codes (`data 52e,`): the DSID and version parts vary by build, so match only this. */
const AD_SUB_CODES: Record<string, FailureReason> = {
  '525': 'account_not_found',
  '52e': 'invalid_credentials',
  '530': 'logon_hours',
  '531': 'workstation_restricted',
  '532': 'password_expired',
  '533': 'account_disabled',
  '701': 'account_expired',
  '773': 'password_must_change',
  '775': 'account_locked',
};

export function adSubCode(diagnostic: string | undefined): string | null {
  return /data ([0-9a-f]+),/i.exec(diagnostic ?? '')?.[1]?.toLowerCase() ?? null;
}

const UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_UNTRUSTED', 'CERT_SIGNATURE_FAILURE', 'CERT_CHAIN_TOO_LONG', 'INVALID_CA',
  'CERT_REJECTED', 'INVALID_PURPOSE', 'CERT_REVOKED',
]);
const NODE_CODES: Record<string, FailureReason> = {
  ENOTFOUND: 'dns_not_found',
  EAI_NONAME: 'dns_not_found',
  EAI_AGAIN: 'dns_not_found',
  EAI_NODATA: 'dns_not_found',
  ECONNREFUSED: 'connection_refused',
  ETIMEDOUT: 'connection_timeout',
  EHOSTUNREACH: 'host_unreachable',
  ENETUNREACH: 'host_unreachable',
  EHOSTDOWN: 'host_unreachable',
  EADDRNOTAVAIL: 'host_unreachable',
  CERT_HAS_EXPIRED: 'cert_expired',
  CERT_NOT_YET_VALID: 'cert_not_yet_valid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'cert_hostname_mismatch',
};
const LDAP_CODES: Record<number, FailureReason> = {
  3: 'connection_timeout', // timeLimitExceeded: the server gave up
  4: 'size_limit_exceeded',
  8: 'tls_required', // strongerAuthRequired (also AD's "requires binds to turn on integrity checking")
  10: 'referral',
  11: 'size_limit_exceeded', // adminLimitExceeded: AD's MaxPageSize / MaxResultSetSize
  34: 'invalid_dn_syntax',
  50: 'insufficient_access',
  51: 'server_busy',
  52: 'server_unavailable',
  87: 'invalid_filter',
};
/** When nothing more specific is known, what a failure in each stage most likely means. */
const STAGE_FALLBACK: Record<StageName, FailureReason> = {
  dns: 'dns_not_found',
  tcp: 'host_unreachable',
  tls: 'tls_handshake_failed',
  bind: 'invalid_credentials',
  base_dn: 'base_dn_not_found',
  search: 'insufficient_access',
  token: 'invalid_credentials',
  read: 'insufficient_access',
  attributes: 'missing_mail_attributes',
  encoding: 'invalid_utf8_value',
};

const CLOSED = /closed before|socket hang up|disconnected before secure|ECONNRESET|EPIPE|Socket error|connection closed/i;
const TIMED_OUT = /timed? ?out|timeout/i;

/**
 * Text from sockets and servers arrives with line breaks ("Socket error. Message type:
 * ExtendedRequest (0x77)\nread ECONNRESET") and control characters, which break a report's
 * one-line fields, log lines and chat blocks: every diagnostic is made one line here, once.
 */
export function oneLine(text: string): string {
  return text
    .replace(/\s*[\r\n\u2028\u2029]+\s*/g, '; ')
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/^(?:; )+|(?:; )+$/g, '')
    .trim();
}

/** The observation as classified and reported: its free texts on one line. */
export function normalized(o: Observation): Observation {
  return {
    ...o,
    ...(o.message !== undefined && { message: oneLine(o.message) }),
    ...(o.diagnostic !== undefined && { diagnostic: oneLine(o.diagnostic) }),
  };
}

export function classify(o: Observation): Classification {
  return withClass(reasonFor(o));
}

function withClass(reason: FailureReason): Classification {
  return { class: classOf(reason), reason };
}

function reasonFor(o: Observation): FailureReason {
  if (o.finding === 'empty_result') return 'empty_result';
  if (o.finding === 'missing_attributes') return 'missing_mail_attributes';
  if (o.finding === 'invalid_utf8') return 'invalid_utf8_value';
  if (o.errorCode && UNTRUSTED.has(o.errorCode)) return 'cert_untrusted';
  if (o.errorCode && /^ERR_SSL_|^EPROTO$/.test(o.errorCode)) return 'tls_handshake_failed';
  if (o.errorCode === 'ECONNRESET' || o.errorCode === 'EPIPE') return o.stage === 'tls' ? 'tls_handshake_failed' : 'connection_reset';
  if (o.errorCode && NODE_CODES[o.errorCode]) return NODE_CODES[o.errorCode]!;
  if (o.ldapCode !== undefined) return ldapReason(o);
  if (o.httpStatus !== undefined) return apiReason(o);
  const text = `${o.message ?? ''} ${o.diagnostic ?? ''}`;
  if (CLOSED.test(text)) return o.stage === 'tls' ? 'tls_handshake_failed' : 'connection_reset';
  // ldapts reports both connect and operation timeouts as plain Errors; the clock confirms them.
  if (TIMED_OUT.test(text) || o.elapsedMs >= o.timeoutMs * 0.95) return 'connection_timeout';
  return STAGE_FALLBACK[o.stage];
}

function ldapReason(o: Observation): FailureReason {
  const code = o.ldapCode!;
  if (code === 49) return AD_SUB_CODES[adSubCode(o.diagnostic) ?? ''] ?? 'invalid_credentials';
  if (code === 53 && o.stage === 'bind') {
    // OpenLDAP: "unauthenticated bind (DN with no password) disallowed"; 389-DS: "Account inactivated".
    return /unauthenticated|anonymous/i.test(o.diagnostic ?? '') ? 'anonymous_bind_rejected' : 'account_disabled';
  }
  if (code === 32) {
    // Directories answer "no such object" for entries the account may not see: with nothing
    // readable above the DN inside a naming context the server holds, it is access, not absence.
    return o.matchedDn === null && o.inNamingContext ? 'insufficient_access' : 'base_dn_not_found';
  }
  // StartTLS refused: OpenLDAP without a certificate answers 2 (unsupported extended operation), AD 52.
  if ((code === 2 || code === 52) && o.stage === 'tls') return 'starttls_unsupported';
  return LDAP_CODES[code] ?? STAGE_FALLBACK[o.stage];
}

/** Entra ID's AADSTS numbers (login.microsoftonline.com error_codes) that have a reason of their own. */
const AADSTS: Record<number, FailureReason> = {
  7000215: 'invalid_client_secret',
  7000222: 'client_secret_expired',
  700016: 'application_not_found',
  90002: 'tenant_not_found',
};

/** What an HTTP API refused: the AADSTS number first, then the error code, then the status. */
function apiReason(o: Observation): FailureReason {
  for (const code of o.aadsts ?? []) if (AADSTS[code]) return AADSTS[code];
  if (o.apiError === 'Authorization_RequestDenied') return 'consent_missing';
  // Google's token endpoint: the service account is not authorized for domain-wide delegation.
  if (o.apiError === 'unauthorized_client' || o.apiError === 'access_denied') return 'consent_missing';
  if (o.apiError === 'invalid_grant') return 'invalid_service_account_key';
  if (o.apiError === 'invalid_client') return 'invalid_client_secret';
  if (o.httpStatus === 429) return 'throttled';
  if (o.httpStatus === 403) return 'consent_missing';
  if (o.httpStatus === 503) return 'server_unavailable';
  if (o.httpStatus === 401) return 'invalid_credentials';
  return STAGE_FALLBACK[o.stage];
}
