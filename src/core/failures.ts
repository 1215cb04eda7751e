/**
 * The failure taxonomy (docs/architecture.md#failure-taxonomy): a closed set of classes and
 * reasons, each with a one-line explanation, and a checklist per class. Every face renders these;
 * none invents its own words.
 */

export const FAILURE_REASONS = {
  credential: [
    'invalid_credentials',
    'account_not_found',
    'account_disabled',
    'account_expired',
    'password_expired',
    'password_must_change',
    'account_locked',
    'logon_hours',
    'workstation_restricted',
    'anonymous_bind_rejected',
    'invalid_client_secret',
    'client_secret_expired',
    'invalid_service_account_key',
  ],
  connection: [
    'dns_not_found',
    'connection_refused',
    'connection_timeout',
    'host_unreachable',
    'connection_reset',
    'server_busy',
    'server_unavailable',
    'throttled',
  ],
  tls: ['cert_expired', 'cert_not_yet_valid', 'cert_untrusted', 'cert_hostname_mismatch', 'tls_handshake_failed', 'starttls_unsupported', 'tls_required'],
  encoding: ['unescaped_dn_character', 'invalid_dn_syntax', 'invalid_utf8_value', 'invalid_filter'],
  configuration: [
    'base_dn_not_found',
    'insufficient_access',
    'size_limit_exceeded',
    'missing_mail_attributes',
    'referral',
    'application_not_found',
    'tenant_not_found',
    'consent_missing',
  ],
  directory_data: ['empty_result', 'sudden_drop', 'duplicate_address'],
  /** dirsync's own infrastructure, not the directory. */
  internal: ['database_connection_lost'],
} as const;

export type FailureClass = keyof typeof FAILURE_REASONS;
export type FailureReason = (typeof FAILURE_REASONS)[FailureClass][number];
export const FAILURE_CLASSES = Object.keys(FAILURE_REASONS) as FailureClass[];

export interface Classification {
  class: FailureClass;
  reason: FailureReason;
}

/**
 * Classes that put an integration in `error`, which holds the account's destructive changes
 * (docs/architecture.md#the-gate); directory_data does not.
 */
export const STATE_CHANGING_CLASSES: readonly FailureClass[] = ['credential', 'connection', 'tls', 'encoding', 'configuration'];

export function classOf(reason: FailureReason): FailureClass {
  return FAILURE_CLASSES.find((c) => (FAILURE_REASONS[c] as readonly string[]).includes(reason))!;
}

export const EXPLANATIONS: Record<FailureReason, string> = {
  invalid_credentials: 'The directory rejected the bind DN or password.',
  account_not_found: 'The directory has no account with this bind DN.',
  account_disabled: 'The service account is disabled.',
  account_expired: 'The service account has expired.',
  password_expired: "The service account's password has expired.",
  password_must_change: "The service account's password must be changed before it can bind.",
  account_locked: 'The service account is locked out (too many failed logons).',
  logon_hours: 'The service account may not log on at this time of day (logon hours).',
  workstation_restricted: 'The service account may not log on from this machine (workstation restriction).',
  anonymous_bind_rejected: 'The directory refused an unauthenticated bind.',
  invalid_client_secret: 'Microsoft Entra ID rejected the client secret or certificate of the application (AADSTS7000215).',
  client_secret_expired: "The application's client secret has expired (AADSTS7000222).",
  invalid_service_account_key: "Google refused the service account's key or the token request signed with it (invalid_grant).",
  dns_not_found: 'The host name does not resolve.',
  connection_refused: 'The host refused the connection: nothing listens on that port, or a firewall rejects it.',
  connection_timeout: 'The directory did not answer in time.',
  host_unreachable: 'There is no network route to the host.',
  connection_reset: 'The connection was closed before the directory answered.',
  server_busy: 'The directory is too busy to answer (LDAP 51).',
  server_unavailable: 'The directory is unavailable (LDAP 52), e.g. shutting down or not yet replicated.',
  throttled: 'The API kept answering 429 (too many requests) beyond the retry budget dirsync allows a read.',
  cert_expired: "The directory's certificate has expired.",
  cert_not_yet_valid: "The directory's certificate is not valid yet (check the server's and this machine's clocks).",
  cert_untrusted: "The directory's certificate is not signed by a trusted CA (self-signed or an unknown CA).",
  cert_hostname_mismatch: "The directory's certificate does not name the host in the URL.",
  tls_handshake_failed: 'The TLS handshake failed before any certificate could be checked.',
  starttls_unsupported: 'The directory refused StartTLS: it has no TLS set up on this port (no certificate configured).',
  tls_required: 'The directory requires TLS (or signing) for this bind: plain LDAP is refused.',
  unescaped_dn_character: 'A DN contains a character that must be escaped.',
  invalid_dn_syntax: 'The directory rejected a DN as malformed (LDAP 34).',
  invalid_utf8_value: 'An attribute value is not valid UTF-8.',
  invalid_filter: 'The directory rejected a search filter as malformed.',
  base_dn_not_found: 'The base DN does not exist in the directory.',
  insufficient_access: 'The service account can bind but may not read what dirsync needs.',
  size_limit_exceeded: 'The directory stopped the search at its size limit: paging is not honoured.',
  missing_mail_attributes: 'Neither the mail nor the proxy-address attribute came back for any sampled user.',
  referral: 'The directory answered with a referral to another server instead of results.',
  application_not_found: 'Microsoft Entra ID has no application with this client ID in the tenant (AADSTS700016).',
  tenant_not_found: 'Microsoft Entra ID has no tenant with this ID (AADSTS90002).',
  consent_missing: 'The application may not read the directory: an administrator has not granted the permissions (Graph Authorization_RequestDenied), or domain-wide delegation (Google).',
  empty_result: 'The search returned no users.',
  sudden_drop: 'The directory returned far fewer users than the last good sync.',
  duplicate_address: 'One address is claimed by two users.',
  database_connection_lost: "dirsync lost the connection to its own database (Postgres), not to the directory.",
};

const CLASS_CHECKLISTS: Record<FailureClass, string[]> = {
  credential: [
    'Has the service account been moved or deleted?',
    'Has its password been changed or reset? Store the new one in dirsync.',
    'Is the account still active: not disabled, not expired, not locked out?',
  ],
  connection: [
    'Any infrastructure or firewall changes?',
    "Is the port open from dirsync's addresses, and mapped to the right destination?",
    'Is the LDAP service running on the directory server?',
  ],
  tls: [
    'Check the service account, the firewall logs, and the certificate path and validity.',
    "On a domain controller, the NTDS\\Personal certificate store must hold a valid certificate whose private key is present: remove it and re-install it if LDAPS used to work.",
  ],
  encoding: [
    'Escape special characters in DNs with \\ (e.g. \\, \\+ \\").',
    'Encode reserved characters (=, /, non-UTF-8) as \\ followed by two hex digits (e.g. OU=Docs/KB → OU=Docs\\2FKB).',
  ],
  configuration: [
    'Check the base DNs and filters against the directory.',
    'Check what the service account may read.',
  ],
  directory_data: [
    'Check the user filter and base DNs: did an OU move, or a filter change?',
    'Check that the service account can still read the users (permissions can hide entries).',
    'Compare with the directory itself before approving any deletion.',
  ],
  internal: [
    "Is dirsync's Postgres running and reachable? GET /healthz answers 200 when it is.",
    'Check the Postgres server log for a crash, a restart or a failover at that time.',
    'Nothing needs changing in the directory or in the integration.',
  ],
};

const REASON_CHECKS: Partial<Record<FailureReason, string>> = {
  invalid_credentials: 'Re-enter the bind password and check the bind DN for typos (Active Directory reports a missing account as a wrong password too).',
  account_not_found: 'Check the bind DN: the account may have been renamed or moved to another OU.',
  account_disabled: 'Re-enable the service account in the directory (Active Directory: Enable Account), then test again.',
  account_expired: "Extend the service account's expiry date (Active Directory: Account expires → Never), then test again.",
  account_locked: 'Unlock the account, then find what keeps sending the old password (another service, a scheduled task).',
  logon_hours: "Widen the account's logon hours to cover the sync schedule.",
  workstation_restricted: "Allow the account to log on from dirsync's host (Log On To… in Active Directory).",
  password_must_change: 'Set a password for the account and clear "User must change password at next logon".',
  password_expired: 'Set a new password and consider "Password never expires" for service accounts.',
  dns_not_found: 'Check the host name in the URL and the DNS servers dirsync uses.',
  connection_timeout: 'A firewall that drops packets looks like a timeout: check it before the directory.',
  cert_expired: 'Renew the directory certificate (or its chain) and restart the LDAP service.',
  cert_not_yet_valid: 'Check the clocks of the directory server and of dirsync.',
  cert_untrusted: 'Give dirsync the CA that signed the certificate (--ca-file), or have it signed by a trusted CA.',
  cert_hostname_mismatch: 'Use the host name the certificate names in the URL, or re-issue the certificate with the name (or IP) you connect to.',
  tls_handshake_failed: 'Is the port an LDAPS port? ldaps:// usually listens on 636; ldap:// with StartTLS on 389.',
  starttls_unsupported:
    'Give the directory a certificate (OpenLDAP: olcTLSCertificateFile and olcTLSCertificateKeyFile; a domain controller: a server certificate in NTDS\\Personal), or use its ldaps:// URL if it has one. For a test directory only: `dirsync integrations update <name> --tls none` (the bind password then crosses the network in clear).',
  tls_required: 'Turn TLS on: `dirsync integrations update <name> --tls starttls` keeps the ldap:// URL, or give an ldaps:// URL (--url ldaps://host:636).',
  base_dn_not_found: 'Check the base DN for typos, and whether the OU was renamed or moved.',
  insufficient_access: 'Grant the service account read access to the users and groups under the base DNs.',
  size_limit_exceeded:
    'Let the service account page through every entry: on OpenLDAP add `limits dn.exact="<bind DN>" size=unlimited size.prtotal=unlimited` (the default stops paged searches at 500); on AD check MaxPageSize and MaxResultSetSize.',
  referral: 'Point the URL at a server that holds the base DN (for AD: a domain controller of that domain, or the global catalog on 3268/3269).',
  missing_mail_attributes:
    'Map the attributes that hold mail addresses (--attr mail=… --attr proxyAddresses=…, or --attr proxyAddresses= for a directory without proxy addresses) and check that the account may read them.',
  invalid_filter: 'Check the user and group filters: parentheses balanced, special characters escaped as \\28 \\29 \\2a \\5c.',
  invalid_client_secret: 'Copy the secret\'s Value (not its Secret ID) from the app registration\'s Certificates & secrets page, or check that the certificate uploaded there is the one dirsync signs with.',
  client_secret_expired: 'Create a new client secret under the app registration\'s Certificates & secrets and store it: dirsync integrations update <name> --client-secret-env VAR.',
  invalid_service_account_key: 'Create a new JSON key for the service account (the old one may be deleted or disabled) and store it with --service-account-file; check the clock of dirsync\'s host.',
  throttled: 'Sync less often, or at another time than other tools that use the same application; the API says how long to wait in Retry-After.',
  application_not_found: 'Check --client-id against the app registration\'s Application (client) ID, and that the app is registered in this tenant.',
  tenant_not_found: 'Check --tenant-id against the Directory (tenant) ID on the app registration\'s Overview page, and --login-url for national clouds.',
  consent_missing:
    'Entra ID: grant admin consent for the application permissions User.Read.All, Group.Read.All and GroupMember.Read.All. Google: authorize the service account\'s client ID for domain-wide delegation with the admin.directory.user.readonly, admin.directory.group.readonly and admin.directory.group.member.readonly scopes, and check --admin-email is an administrator.',
};

/** What to check for a failure: the reason-specific item first, then the class checklist. */
export function checklistFor(reason: FailureReason): string[] {
  const specific = REASON_CHECKS[reason];
  return [...(specific ? [specific] : []), ...CLASS_CHECKLISTS[classOf(reason)]];
}

/**
 * The explanation of the reason, then the failure's own message when it says more. Messages are
 * built as "explanation + specifics", so printing both would repeat the first sentence.
 */
export function explanationLines(f: { reason: FailureReason; message: string }): string[] {
  const base = EXPLANATIONS[f.reason] ?? '';
  if (!f.message || f.message === base) return [base];
  return f.message.startsWith(base) ? [f.message] : [base, f.message];
}
