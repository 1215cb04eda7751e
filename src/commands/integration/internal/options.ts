import { API_KINDS, INTEGRATION_KINDS } from '../../../core/integration.ts';
import type { Option } from '../../face-spec.ts';

/**
 * The settings `integrations add` and `update` take on the CLI. The dashboard's form has the same
 * fields (src/faces/dashboard/integration-form.ts); chat does not change settings.
 */
const SETTINGS: readonly Option[] = [
  { key: 'kind', name: 'kind', kind: 'text', value: 'KIND', help: INTEGRATION_KINDS.join(' | ') },
  { key: 'urls', name: 'url', kind: 'texts', value: 'URL', help: 'ldaps://host[:636] or ldap://host[:389]; repeat for fail-over servers' },
  { key: 'tlsMode', name: 'tls', kind: 'text', value: 'MODE', help: 'ldaps | starttls | none (default: ldaps for ldaps://, starttls for ldap://; none sends the password in clear and every test warns about it)' },
  { key: 'bindDn', name: 'bind-dn', kind: 'text', value: 'DN', help: 'Service account DN, RFC 4514 (e.g. CN=svc-dirsync,OU=Service\\2FAccounts,DC=corp,DC=example)' },
  // Never an argument: it would show in the process list and the shell history.
  { key: 'bindPassword', name: 'password', kind: 'secret', prompt: 'Bind password', help: 'The bind password, from an environment variable or standard input (prompted, hidden, on a terminal)' },
  { key: 'baseDns', name: 'base-dn', kind: 'texts', value: 'DN', help: 'Where users and groups live; repeat for several' },
  { key: 'caPem', name: 'ca-file', kind: 'file', value: 'PATH', help: "PEM bundle of the CA(s) that signed the directory's certificate" },
  { key: 'clientCertPem', name: 'client-cert-file', kind: 'file', value: 'PATH', help: 'PEM client certificate (with --client-key-file) for mutual TLS' },
  { key: 'clientKeyPem', name: 'client-key-file', kind: 'file', value: 'PATH', help: 'PEM private key of the client certificate (stored encrypted)' },
  { key: 'userFilter', name: 'user-filter', kind: 'text', value: 'FILTER', help: 'LDAP filter for users (default depends on --kind)' },
  { key: 'groupFilter', name: 'group-filter', kind: 'text', value: 'FILTER', help: 'LDAP filter for groups (default depends on --kind)' },
  { key: 'attributes', name: 'attr', kind: 'pairs', value: 'KEY=ATTRIBUTE', help: 'Override an attribute mapping; KEY is uniqueId, mail, proxyAddresses, displayName or member. Repeatable.' },
  { key: 'schedule', name: 'schedule', kind: 'text', value: 'CRON', help: 'When to sync, cron syntax in the account\'s time zone (default "0 8,13,23 * * *")' },
  { key: 'deltaSchedule', name: 'delta-schedule', kind: 'text', value: 'CRON|off', help: 'When to read only what changed since the last read, cron syntax, or off (default "*/30 * * * *")' },
  { key: 'connectTimeoutMs', name: 'connect-timeout', kind: 'seconds', value: 'SECONDS', help: 'Give up connecting after this long (default 5)' },
  { key: 'operationTimeoutMs', name: 'operation-timeout', kind: 'seconds', value: 'SECONDS', help: 'Give up on any one LDAP operation after this long (default 15)' },
  { key: 'acknowledgeDisabled', name: 'acknowledge-disabled', kind: 'yes-no', value: 'yes|no', help: 'Treat accounts disabled in the directory (AD userAccountControl, Entra accountEnabled, Google suspended) as gone (default yes for active_directory and the API kinds, no otherwise)' },
  // entra_id and google_workspace (README: Entra ID and Google Workspace).
  { key: 'tenantId', name: 'tenant-id', kind: 'text', value: 'GUID', help: 'entra_id: the Directory (tenant) ID' },
  { key: 'clientId', name: 'client-id', kind: 'text', value: 'GUID', help: 'entra_id: the Application (client) ID of the app registration' },
  { key: 'clientSecret', name: 'client-secret', kind: 'secret', prompt: 'Client secret', help: 'entra_id: the client secret, from an environment variable or standard input (stored encrypted)' },
  { key: 'clientCertificate', name: 'client-certificate-file', kind: 'file', value: 'PATH', help: 'entra_id: PEM file with the certificate and its private key, instead of a secret (the key is stored encrypted)' },
  { key: 'graphUrl', name: 'graph-url', kind: 'text', value: 'URL', help: 'entra_id: Microsoft Graph (default https://graph.microsoft.com; national clouds have their own)' },
  { key: 'loginUrl', name: 'login-url', kind: 'text', value: 'URL', help: 'entra_id: the token authority (default https://login.microsoftonline.com)' },
  { key: 'customerId', name: 'customer-id', kind: 'text', value: 'ID', help: 'google_workspace: the customer ID (Admin console, Account settings) or my_customer' },
  { key: 'adminEmail', name: 'admin-email', kind: 'text', value: 'ADDRESS', help: 'google_workspace: the administrator the service account acts for (domain-wide delegation)' },
  { key: 'serviceAccount', name: 'service-account-file', kind: 'file', value: 'PATH', help: "google_workspace: the service account's JSON key file; read once, its key stored encrypted, the file not kept" },
  { key: 'googleApiUrl', name: 'google-api-url', kind: 'text', value: 'URL', help: 'google_workspace: the Admin SDK (default https://admin.googleapis.com)' },
  { key: 'googleTokenUrl', name: 'google-token-url', kind: 'text', value: 'URL', help: 'google_workspace: the token endpoint (default https://oauth2.googleapis.com/token)' },
];

const REQUIRED_TO_ADD = new Set(['kind']);
/** LDAP settings the API kinds do without. */
const REQUIRED_FOR_LDAP = new Set(['urls', 'bindDn', 'bindPassword', 'baseDns']);

export const ADD_OPTIONS: readonly Option[] = SETTINGS.map((o) =>
  REQUIRED_TO_ADD.has(o.key) ? { ...o, required: true } : REQUIRED_FOR_LDAP.has(o.key) ? { ...o, requiredUnless: { key: 'kind', values: API_KINDS } } : o,
);

export const UPDATE_OPTIONS: readonly Option[] = [
  { key: 'rename', name: 'rename', kind: 'text', value: 'NEW-NAME', help: 'Rename the integration' },
  { key: 'clearCa', name: 'clear-ca', kind: 'flag', help: 'Remove the CA bundle (use the system trust store only)' },
  { key: 'clearClientCertificate', name: 'clear-client-cert', kind: 'flag', help: 'Remove the client certificate and key' },
  ...SETTINGS,
];

export const ADD_DETAILS = [
  '<name>: 1–63 lower-case letters, digits and dashes (used in chat: /dirsync test <name>).',
  'Passwords are never taken as arguments (they would show in the process list and shell history).',
  '',
  'Example:',
  '  DIRSYNC_BIND_PASSWORD=… dirsync integrations add corp-ad --kind active_directory \\',
  '    --url ldaps://dc1.corp.example --ca-file corp-ca.pem --bind-dn \'CN=svc-dirsync,OU=Service,DC=corp,DC=example\' \\',
  "    --password-env DIRSYNC_BIND_PASSWORD --base-dn 'OU=Staff,DC=corp,DC=example'",
  '',
  'Entra ID and Google Workspace are read through their HTTP APIs (no --url, --bind-dn, --base-dn):',
  '  GRAPH_SECRET=… dirsync integrations add corp-entra --kind entra_id --tenant-id GUID --client-id GUID \\',
  '    --client-secret-env GRAPH_SECRET',
  '  dirsync integrations add corp-google --kind google_workspace --customer-id C03az79cb \\',
  '    --admin-email admin@corp.example --service-account-file dirsync-sa.json',
].join('\n');
