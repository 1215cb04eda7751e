import { invalid, type FieldIssue } from '../../../core/errors.ts';
import { ENTRA_DEFAULTS, GOOGLE_DEFAULTS, type ApiKind, type ApiSettings } from '../../../core/integration.ts';

/** What add and update take for an API kind (api-input.ts), after zod. */
export interface ApiInput {
  tenantId?: string;
  clientId?: string;
  clientSecret?: string;
  clientCertificate?: { certPem: string; keyPem: string };
  graphUrl?: string;
  loginUrl?: string;
  customerId?: string;
  adminEmail?: string;
  serviceAccount?: { clientEmail: string; privateKey: string; privateKeyId: string };
  googleApiUrl?: string;
  googleTokenUrl?: string;
}

/** The settings of an API kind, its one secret (to seal) and the Entra client certificate. */
export interface ApiDraft {
  api: ApiSettings;
  /** Null on update when the stored secret stays. */
  secret: string | null;
  clientCertPem: string | null;
}

const LDAP_ONLY = ['urls', 'bindDn', 'bindPassword', 'baseDns', 'tlsMode', 'userFilter', 'groupFilter', 'clientCertPem', 'clientKeyPem'] as const;

/**
 * Settings of an Entra ID or Google Workspace integration from the input, over `current` on
 * update. Every missing or misplaced field is reported at once.
 */
export function apiDraft(kind: ApiKind, input: ApiInput & Record<string, unknown>, current: ApiSettings | null): ApiDraft {
  const issues: FieldIssue[] = [];
  const need = <T>(field: string, value: T | undefined, flag: string): T => {
    if (value === undefined) issues.push({ field, message: `${kind} needs ${flag}` });
    return value as T;
  };
  for (const field of LDAP_ONLY) {
    if (input[field] !== undefined) issues.push({ field, message: `${kind} is read through its HTTP API: this LDAP setting does not apply` });
  }
  let draft: ApiDraft;
  if (kind === 'entra_id') {
    const was = current?.kind === 'entra_id' ? current : null;
    if (input.clientSecret !== undefined && input.clientCertificate !== undefined) {
      issues.push({ field: 'clientSecret', message: 'give either a client secret or a client certificate, not both' });
    }
    const credential = input.clientSecret !== undefined ? 'client_secret' : input.clientCertificate !== undefined ? 'certificate' : was?.credential;
    if (!credential) issues.push({ field: 'clientSecret', message: 'entra_id needs --client-secret-env VAR or --client-certificate-file PATH' });
    draft = {
      api: {
        kind,
        tenantId: input.tenantId ?? need('tenantId', was?.tenantId, '--tenant-id'),
        clientId: input.clientId ?? need('clientId', was?.clientId, '--client-id'),
        credential: credential ?? 'client_secret',
        graphUrl: input.graphUrl ?? was?.graphUrl ?? ENTRA_DEFAULTS.graphUrl,
        loginUrl: input.loginUrl ?? was?.loginUrl ?? ENTRA_DEFAULTS.loginUrl,
      },
      secret: input.clientSecret ?? input.clientCertificate?.keyPem ?? null,
      clientCertPem: input.clientCertificate?.certPem ?? null,
    };
  } else {
    const was = current?.kind === 'google_workspace' ? current : null;
    const account = input.serviceAccount;
    draft = {
      api: {
        kind,
        customerId: input.customerId ?? need('customerId', was?.customerId, '--customer-id'),
        adminEmail: input.adminEmail ?? need('adminEmail', was?.adminEmail, '--admin-email'),
        clientEmail: account?.clientEmail ?? need('serviceAccount', was?.clientEmail, '--service-account-file'),
        privateKeyId: account?.privateKeyId ?? was?.privateKeyId ?? '',
        googleApiUrl: input.googleApiUrl ?? was?.googleApiUrl ?? GOOGLE_DEFAULTS.googleApiUrl,
        googleTokenUrl: input.googleTokenUrl ?? was?.googleTokenUrl ?? GOOGLE_DEFAULTS.googleTokenUrl,
      },
      secret: account?.privateKey ?? null,
      clientCertPem: null,
    };
  }
  if (issues.length > 0) throw invalid(issues);
  return draft;
}

/** The URL an API kind's dns, tcp and tls stages test, kept in `urls` for the faces. */
export const apiUrl = (api: ApiSettings) => (api.kind === 'entra_id' ? api.graphUrl : api.googleApiUrl);
