import { describe, expect, it } from 'vitest';
import { adSubCode, classify, type Observation } from '../../src/core/classify.ts';
import { checklistFor, FAILURE_REASONS, type FailureReason } from '../../src/core/failures.ts';

const at = (stage: Observation['stage'], o: Partial<Observation> = {}): Observation => ({ stage, elapsedMs: 5, timeoutMs: 15_000, ...o });

/** Diagnostics as real Windows domain controllers send them (DSID and version vary by build). */
const windowsAd = (code: string) => `80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data ${code}, v4563\u0000`;

const CASES: [FailureReason, Observation][] = [
  ['invalid_credentials', at('bind', { ldapCode: 49, diagnostic: '80090308: LdapErr: DSID-0C0903A9, comment: AcceptSecurityContext error, data 52e, v1db1' })],
  ['account_not_found', at('bind', { ldapCode: 49, diagnostic: windowsAd('525') })],
  ['account_disabled', at('bind', { ldapCode: 49, diagnostic: windowsAd('533') })],
  ['account_expired', at('bind', { ldapCode: 49, diagnostic: windowsAd('701') })],
  ['password_expired', at('bind', { ldapCode: 49, diagnostic: windowsAd('532') })],
  ['password_must_change', at('bind', { ldapCode: 49, diagnostic: windowsAd('773') })],
  ['account_locked', at('bind', { ldapCode: 49, diagnostic: windowsAd('775') })],
  ['logon_hours', at('bind', { ldapCode: 49, diagnostic: windowsAd('530') })],
  ['workstation_restricted', at('bind', { ldapCode: 49, diagnostic: windowsAd('531') })],
  ['anonymous_bind_rejected', at('bind', { ldapCode: 53, diagnostic: 'unauthenticated bind (DN with no password) disallowed' })],
  ['dns_not_found', at('dns', { errorCode: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND dc1.corp.invalid' })],
  ['connection_refused', at('tcp', { errorCode: 'ECONNREFUSED' })],
  ['connection_timeout', at('bind', { message: 'BindRequest: Operation timed out', elapsedMs: 15_004 })],
  ['host_unreachable', at('tcp', { errorCode: 'EHOSTUNREACH' })],
  ['connection_reset', at('bind', { message: 'Connection closed before message response was received. Message type: BindRequest (0x60)' })],
  ['server_busy', at('search', { ldapCode: 51 })],
  ['server_unavailable', at('bind', { ldapCode: 52 })],
  ['cert_expired', at('tls', { errorCode: 'CERT_HAS_EXPIRED' })],
  ['cert_not_yet_valid', at('tls', { errorCode: 'CERT_NOT_YET_VALID' })],
  ['cert_untrusted', at('tls', { errorCode: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' })],
  ['cert_hostname_mismatch', at('tls', { errorCode: 'ERR_TLS_CERT_ALTNAME_INVALID' })],
  ['tls_handshake_failed', at('tls', { errorCode: 'ECONNRESET', message: 'Client network socket disconnected before secure TLS connection was established' })],
  ['starttls_unsupported', at('tls', { ldapCode: 2, diagnostic: 'unsupported extended operation' })],
  ['tls_required', at('bind', { ldapCode: 8, diagnostic: 'BindSimple: Transport encryption required.' })],
  ['invalid_dn_syntax', at('base_dn', { ldapCode: 34 })],
  ['invalid_utf8_value', at('encoding', { finding: 'invalid_utf8' })],
  ['invalid_filter', at('search', { ldapCode: 87 })],
  ['base_dn_not_found', at('base_dn', { ldapCode: 32, matchedDn: 'DC=corp,DC=example', inNamingContext: true })],
  ['insufficient_access', at('search', { ldapCode: 50 })],
  ['size_limit_exceeded', at('search', { ldapCode: 4 })],
  ['missing_mail_attributes', at('attributes', { finding: 'missing_attributes' })],
  ['referral', at('base_dn', { ldapCode: 10 })],
  ['empty_result', at('search', { finding: 'empty_result' })],
  // API kinds: what login.microsoftonline.com, Graph and Google answer (adapters/api/answers.ts).
  ['invalid_client_secret', at('token', { httpStatus: 401, apiError: 'invalid_client', aadsts: [7000215] })],
  ['client_secret_expired', at('token', { httpStatus: 401, apiError: 'invalid_client', aadsts: [7000222] })],
  ['application_not_found', at('token', { httpStatus: 400, apiError: 'unauthorized_client', aadsts: [700016] })],
  ['tenant_not_found', at('token', { httpStatus: 400, apiError: 'invalid_request', aadsts: [90002] })],
  ['consent_missing', at('read', { httpStatus: 403, apiError: 'Authorization_RequestDenied' })],
  ['invalid_service_account_key', at('token', { httpStatus: 400, apiError: 'invalid_grant' })],
  ['throttled', at('read', { httpStatus: 429 })],
];

describe('classify: API answers', () => {
  it('Google refusing domain-wide delegation, and a 403 without a known code, are missing consent', () => {
    expect(classify(at('token', { httpStatus: 401, apiError: 'unauthorized_client' })).reason).toBe('consent_missing');
    expect(classify(at('read', { httpStatus: 403, apiError: 'PERMISSION_DENIED' })).reason).toBe('consent_missing');
  });
  it('an AADSTS number decides over the OAuth error code', () => {
    expect(classify(at('token', { httpStatus: 401, apiError: 'invalid_client' })).reason).toBe('invalid_client_secret');
    expect(classify(at('token', { httpStatus: 400, apiError: 'unauthorized_client', aadsts: [700016] })).reason).toBe('application_not_found');
  });
  it('a 503 beyond the retries is the server being unavailable', () => {
    expect(classify(at('read', { httpStatus: 503 }))).toEqual({ class: 'connection', reason: 'server_unavailable' });
  });
});

describe('classify', () => {
  it.each(CASES)('%s', (reason, observation) => {
    expect(classify(observation).reason).toBe(reason);
  });

  it('covers every reason a connection test can meet, and each has a checklist', () => {
    const covered = new Set(CASES.map(([r]) => r));
    const syncOnly: FailureReason[] = ['sudden_drop', 'duplicate_address', 'unescaped_dn_character', 'database_connection_lost'];
    for (const reason of Object.values(FAILURE_REASONS).flat()) {
      if (!syncOnly.includes(reason)) expect(covered, reason).toContain(reason);
      expect(checklistFor(reason).length).toBeGreaterThan(1);
    }
  });

  it('returns the class with the reason', () => {
    expect(classify(CASES[0]![1])).toEqual({ class: 'credential', reason: 'invalid_credentials' });
    expect(classify(at('tls', { errorCode: 'CERT_HAS_EXPIRED' }))).toEqual({ class: 'tls', reason: 'cert_expired' });
  });

  it('uses the stage where libraries throw plain Errors', () => {
    const closed = { message: 'Client network socket disconnected before secure TLS connection was established' };
    expect(classify(at('tls', closed)).reason).toBe('tls_handshake_failed');
    expect(classify(at('bind', { message: 'Socket error. Message type: BindRequest (0x60)\nread ECONNRESET' })).reason).toBe('connection_reset');
    expect(classify(at('tcp', { errorCode: 'ECONNRESET' })).reason).toBe('connection_reset');
  });

  it('uses the elapsed time when a timeout carries no word for it', () => {
    expect(classify(at('bind', { message: 'Error', elapsedMs: 14_990 })).reason).toBe('connection_timeout');
    expect(classify(at('bind', { message: 'Error', elapsedMs: 30 })).reason).toBe('invalid_credentials');
    expect(classify(at('tcp', { message: 'Connection timeout' })).reason).toBe('connection_timeout');
  });

  it('tells an invisible base DN (access) from a missing one', () => {
    expect(classify(at('base_dn', { ldapCode: 32, matchedDn: null, inNamingContext: true })).reason).toBe('insufficient_access');
    expect(classify(at('base_dn', { ldapCode: 32, matchedDn: null, inNamingContext: false })).reason).toBe('base_dn_not_found');
    expect(classify(at('base_dn', { ldapCode: 32 })).reason).toBe('base_dn_not_found');
  });

  it("reads AD's signing-policy refusal as tls_required and 389-DS's inactivation as disabled", () => {
    const signing = '00002028: LdapErr: DSID-0C090259, comment: The server requires binds to turn on integrity checking if SSL\\TLS are not already active on the connection, data 0, v4563';
    expect(classify(at('bind', { ldapCode: 8, diagnostic: signing })).reason).toBe('tls_required');
    expect(classify(at('bind', { ldapCode: 53, diagnostic: 'Account inactivated. Contact system administrator.' })).reason).toBe('account_disabled');
  });

  it('maps a refused StartTLS to starttls_unsupported, and an unknown bind code to bad credentials', () => {
    expect(classify(at('tls', { ldapCode: 2, diagnostic: 'unsupported extended operation' })).reason).toBe('starttls_unsupported');
    expect(classify(at('tls', { ldapCode: 52, diagnostic: '00000000: LdapErr: DSID-0C09127C, comment: Error initializing SSL/TLS, data 0, v4563' })).reason).toBe('starttls_unsupported');
    expect(classify(at('bind', { ldapCode: 49 })).reason).toBe('invalid_credentials');
    expect(classify(at('bind', { ldapCode: 49, diagnostic: windowsAd('999') })).reason).toBe('invalid_credentials');
  });
});

describe('adSubCode', () => {
  it('reads only "data XXX," and ignores DSID, version and the trailing NUL', () => {
    expect(adSubCode(windowsAd('52E'))).toBe('52e');
    expect(adSubCode('80090308: LdapErr: DSID-0C0903A9, comment: AcceptSecurityContext error, data 775, v1db1\0')).toBe('775');
    expect(adSubCode('Invalid credentials')).toBeNull();
    expect(adSubCode(undefined)).toBeNull();
  });
});
