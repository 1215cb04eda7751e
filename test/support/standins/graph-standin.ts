import { createHash, X509Certificate } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { makeRunDir, run } from '../../harness/process.ts';
import { pageOf, startHttpsStandin, verifiedClaims, type RecordedCall, type Reply } from './https-standin.ts';

/**
 * Microsoft identity platform and Graph as documented, for tests only: the client-credentials
 * token endpoint (secret or certificate assertion) and its AADSTS errors, /v1.0/users and
 * /v1.0/groups with $select/$top and @odata.nextLink, group members, 401 on an expired token,
 * 403 Authorization_RequestDenied without consent, 429 with Retry-After.
 */
export interface GraphUser {
  id: string;
  displayName?: string | null;
  mail?: string | null;
  proxyAddresses?: string[];
  userPrincipalName?: string;
  accountEnabled?: boolean;
}
export interface GraphGroup {
  id: string;
  displayName: string;
  /** User ids, or group ids (nested groups) when they name a group. */
  members: string[];
}

export interface GraphState {
  tenantId: string;
  clientId: string;
  secret: string | null;
  secretExpired: boolean;
  /** The uploaded certificate (PEM) an assertion must be signed for. */
  certificatePem: string | null;
  consent: boolean;
  users: GraphUser[];
  groups: GraphGroup[];
  /** The next `count` Graph calls answer 429 with this Retry-After. */
  throttle: { count: number; retryAfter: string };
  /** Tokens stop working after this many Graph calls (a token expiring during a long read). */
  tokenCallsLeft: number | null;
  /** Graph may return fewer items than $top: pages are cut to this size. */
  pageSize: number;
}

export const TENANT = 'f0e1d2c3-b4a5-4697-8877-665544332211';
export const CLIENT = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

const aadError = (status: number, error: string, code: number, text: string): Reply => ({
  status,
  body: { error, error_description: `AADSTS${code}: ${text} Trace ID: 0000 Correlation ID: 0000 Timestamp: 2026-12-02 10:00:00Z`, error_codes: [code] },
});
const graphError = (status: number, code: string, message: string, headers?: Record<string, string>): Reply => ({ status, body: { error: { code, message } }, ...(headers && { headers }) });

/** More Graph resources (graph-delta-standin.ts), answered after the token and consent checks; undefined: not theirs. */
export type GraphExtension = (call: RecordedCall, standin: { state: GraphState; url: string }) => Reply | undefined;

export async function startGraphStandin(init: Partial<GraphState> = {}, extension?: GraphExtension) {
  const state: GraphState = { tenantId: TENANT, clientId: CLIENT, secret: 'graph-secret-value', secretExpired: false, certificatePem: null, consent: true, users: [], groups: [], throttle: { count: 0, retryAfter: '0' }, tokenCallsLeft: null, pageSize: 999, ...init };
  const tokens = new Set<string>();
  let issued = 0;
  const server = await startHttpsStandin((call) => (call.path.startsWith('/login/') ? token(call) : graph(call)));
  const graphUrl = `${server.url}/graph`;

  function token(call: RecordedCall): Reply {
    const tenant = /^\/login\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(call.path)?.[1];
    if (call.method !== 'POST' || !tenant) return graphError(404, 'NotFound', 'no such endpoint');
    if (tenant !== state.tenantId) return aadError(400, 'invalid_request', 90002, `Tenant '${tenant}' not found.`);
    const f = call.form;
    if (f.grant_type !== 'client_credentials' || f.scope !== `${graphUrl}/.default`) return aadError(400, 'invalid_request', 900144, 'The request body must contain the grant_type and a scope of <resource>/.default.');
    if (f.client_id !== state.clientId) return aadError(400, 'unauthorized_client', 700016, `Application with identifier '${f.client_id}' was not found in the directory '${tenant}'.`);
    if (f.client_secret !== undefined) {
      if (f.client_secret !== state.secret) return aadError(401, 'invalid_client', 7000215, 'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.');
      if (state.secretExpired) return aadError(401, 'invalid_client', 7000222, `The provided client secret keys for app '${state.clientId}' are expired.`);
    } else if (!validAssertion(f, `${server.url}${call.path}`)) {
      return aadError(401, 'invalid_client', 7000215, 'Invalid client assertion: signature or thumbprint does not match a certificate of the application.');
    }
    const value = `graph-token-${++issued}`;
    tokens.add(value);
    return { status: 200, body: { token_type: 'Bearer', expires_in: 3599, access_token: value } };
  }

  function validAssertion(f: Record<string, string>, endpoint: string): boolean {
    if (!state.certificatePem || f.client_assertion_type !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' || !f.client_assertion) return false;
    const cert = new X509Certificate(state.certificatePem);
    const jwt = verifiedClaims(f.client_assertion, cert.publicKey.export({ type: 'spki', format: 'pem' }) as string);
    const x5t = createHash('sha1').update(cert.raw).digest('base64url');
    return !!jwt && jwt.header.x5t === x5t && jwt.claims.aud === endpoint && jwt.claims.iss === state.clientId && jwt.claims.sub === state.clientId;
  }

  function graph(call: RecordedCall): Reply {
    if (state.throttle.count > 0) {
      state.throttle.count--;
      return graphError(429, 'TooManyRequests', 'Too many requests.', { 'retry-after': state.throttle.retryAfter });
    }
    const bearer = call.authorization?.replace(/^Bearer /, '') ?? '';
    if (state.tokenCallsLeft !== null && state.tokenCallsLeft-- <= 0) {
      tokens.clear(); // every token issued so far has expired; new ones work
      state.tokenCallsLeft = null;
    }
    if (!tokens.has(bearer)) return graphError(401, 'InvalidAuthenticationToken', 'Access token has expired or is not yet valid.');
    if (!state.consent) return graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    const members = /^\/graph\/v1\.0\/groups\/([^/]+)\/members$/.exec(call.path);
    if (call.path === '/graph/v1.0/users') return list(call, state.users.map((u) => select(u, call.query.$select)));
    if (call.path === '/graph/v1.0/groups') return list(call, state.groups.map((g) => select(g, call.query.$select)));
    const extended = extension?.(call, { state, url: server.url });
    if (extended) return extended;
    if (members) {
      const group = state.groups.find((g) => g.id === decodeURIComponent(members[1]!));
      if (!group) return graphError(404, 'Request_ResourceNotFound', 'Resource does not exist.');
      const typed = group.members.map((id) => ({ '@odata.type': state.groups.some((g) => g.id === id) ? '#microsoft.graph.group' : '#microsoft.graph.user', id }));
      return list(call, typed);
    }
    return graphError(404, 'Request_ResourceNotFound', `no resource at ${call.path}`);
  }

  /** $top items from $skiptoken (here an offset), with @odata.nextLink carrying the rest of the query. */
  function list(call: RecordedCall, items: object[]): Reply {
    const top = Math.min(Number(call.query.$top ?? 100), 999, state.pageSize);
    const { page, next } = pageOf(items, Number(call.query.$skiptoken ?? 0), top);
    const query = new URLSearchParams({ ...call.query, $skiptoken: String(next) });
    return { status: 200, body: { value: page, ...(next !== null && { '@odata.nextLink': `${server.url}${call.path}?${query}` }) } };
  }

  return { ...server, state, graphUrl, loginUrl: `${server.url}/login` };
}

/** Only the $select-ed properties, as Graph returns them (id always). */
export function select(item: object, fields: string | undefined): object {
  if (!fields) return item;
  const wanted = new Set(['id', ...fields.split(',')]);
  return Object.fromEntries(Object.entries(item).filter(([k]) => wanted.has(k)));
}

/** An app registration's certificate: RSA (RS256 assertions), self-signed, as one PEM with its key. */
export async function appCertificate(): Promise<{ certPem: string; pem: string }> {
  const dir = await makeRunDir('dirsync-app-cert-');
  try {
    await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'app.key', '-out', 'app.pem', '-days', '30', '-subj', '/CN=dirsync-app'], { cwd: dir });
    const certPem = await readFile(join(dir, 'app.pem'), 'utf8');
    return { certPem, pem: certPem + (await readFile(join(dir, 'app.key'), 'utf8')) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
