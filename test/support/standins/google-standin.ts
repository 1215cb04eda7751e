import { generateKeyPairSync } from 'node:crypto';
import { pageOf, startHttpsStandin, verifiedClaims, type RecordedCall, type Reply } from './https-standin.ts';

/**
 * Google's OAuth token endpoint (JWT bearer grant with a service account) and the Admin SDK
 * Directory API (users, groups, members, paged by pageToken), as documented, for tests only.
 */
export interface GoogleUser {
  id: string;
  primaryEmail: string;
  aliases?: string[];
  name: { fullName: string };
  suspended?: boolean;
}
export interface GoogleGroup {
  id: string;
  email: string;
  name: string;
  members: { id: string; type: 'USER' | 'GROUP' }[];
}

export const SCOPES = ['admin.directory.user.readonly', 'admin.directory.group.readonly', 'admin.directory.group.member.readonly'].map((s) => `https://www.googleapis.com/auth/${s}`);

/** A service account and the JSON key file Google Cloud would download for it. */
export function serviceAccount(email = 'dirsync@corp-project.iam.gserviceaccount.com') {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyFile = JSON.stringify({
    type: 'service_account', project_id: 'corp-project', private_key_id: 'key-1', client_email: email, client_id: '1234567890',
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }), token_uri: 'https://oauth2.googleapis.com/token',
  });
  return { email, keyFile, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string };
}

export interface GoogleState {
  customerId: string;
  admin: string;
  clientEmail: string;
  publicKeyPem: string;
  /** Domain-wide delegation granted for SCOPES. */
  delegated: boolean;
  users: GoogleUser[];
  groups: GoogleGroup[];
  /** The API may return fewer than maxResults: pages are cut to this size. */
  pageSize: number;
}

const apiError = (code: number, status: string, message: string): Reply => ({ status: code, body: { error: { code, message, status, errors: [{ message, domain: 'global', reason: status.toLowerCase() }] } } });

export async function startGoogleStandin(init: Omit<GoogleState, 'delegated' | 'users' | 'groups' | 'customerId' | 'admin' | 'pageSize'> & Partial<GoogleState>) {
  const state: GoogleState = { customerId: 'C03az79cb', admin: 'admin@corp.example', delegated: true, users: [], groups: [], pageSize: 500, ...init };
  const tokens = new Set<string>();
  const server = await startHttpsStandin((call) => (call.path === '/token' ? token(call) : directory(call)));
  const tokenUrl = `${server.url}/token`;

  function token(call: RecordedCall): Reply {
    if (call.form.grant_type !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'Invalid grant_type.' } };
    const jwt = verifiedClaims(call.form.assertion ?? '', state.publicKeyPem);
    if (!jwt) return { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' } };
    const c = jwt.claims;
    if (c.iss !== state.clientEmail || c.aud !== tokenUrl) return { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid JWT: iss or aud.' } };
    const scopes = String(c.scope ?? '').split(' ');
    if (!state.delegated || c.sub !== state.admin || !SCOPES.every((s) => scopes.includes(s))) {
      return { status: 401, body: { error: 'unauthorized_client', error_description: 'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.' } };
    }
    const value = `google-token-${tokens.size + 1}`;
    tokens.add(value);
    return { status: 200, body: { access_token: value, expires_in: 3599, token_type: 'Bearer' } };
  }

  function directory(call: RecordedCall): Reply {
    if (!tokens.has(call.authorization?.replace(/^Bearer /, '') ?? '')) return apiError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.');
    const path = call.path.replace(/^\/api\/admin\/directory\/v1/, '');
    const members = /^\/groups\/([^/]+)\/members$/.exec(path);
    if ((path === '/users' || path === '/groups') && call.query.customer !== state.customerId) return apiError(400, 'INVALID_ARGUMENT', 'Bad Request');
    if (path === '/users') return list(call, 'users', state.users, 500);
    if (path === '/groups') return list(call, 'groups', state.groups.map(({ members: _, ...g }) => g), 200);
    if (members) {
      const group = state.groups.find((g) => g.id === decodeURIComponent(members[1]!));
      return group ? list(call, 'members', group.members, 200) : apiError(404, 'NOT_FOUND', 'Resource Not Found: groupKey');
    }
    return apiError(404, 'NOT_FOUND', `no resource at ${call.path}`);
  }

  function list(call: RecordedCall, key: string, items: object[], max: number): Reply {
    const { page, next } = pageOf(items, Number(call.query.pageToken ?? 0), Math.min(Number(call.query.maxResults ?? 100), max, state.pageSize));
    return { status: 200, body: { [key]: page, ...(next !== null && { nextPageToken: String(next) }) } };
  }

  return { ...server, state, apiUrl: `${server.url}/api`, tokenUrl };
}
