import type { RawEntry } from '../../core/directory-entry.ts';
import { ProbeFailure } from '../../core/probe.ts';
import { ApiProbe, present, type Token } from '../api/api-probe.ts';
import { apiFailure, isOk } from '../api/answers.ts';
import { signJwt } from '../api/jwt.ts';

/** Read-only scopes the service account must be granted for domain-wide delegation (README: Google Workspace). */
export const GOOGLE_SCOPES = [
  'https://www.googleapis.com/auth/admin.directory.user.readonly',
  'https://www.googleapis.com/auth/admin.directory.group.readonly',
  'https://www.googleapis.com/auth/admin.directory.group.member.readonly',
];
/** The Directory API's largest pages: 500 users, 200 groups or members. */
const MAX_USERS = 500;
const MAX_GROUPS = 200;

interface GoogleUser {
  id: string;
  primaryEmail?: string;
  aliases?: string[];
  name?: { fullName?: string };
  suspended?: boolean;
}

/** Admin SDK Directory API with a service account acting for an administrator (domain-wide delegation). */
export class GoogleProbe extends ApiProbe {
  private get api() {
    const api = this.settings.api;
    if (api?.kind !== 'google_workspace') throw new Error('GoogleProbe needs google_workspace settings');
    return api;
  }

  protected async fetchToken(): Promise<Token> {
    const api = this.api;
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: api.clientEmail, sub: api.adminEmail, scope: GOOGLE_SCOPES.join(' '), aud: api.googleTokenUrl, iat: now, exp: now + 3600 };
    let assertion: string;
    try {
      assertion = signJwt({ kid: api.privateKeyId }, claims, api.secret);
    } catch (e) {
      throw new ProbeFailure({ httpStatus: 0, apiError: 'invalid_grant', diagnostic: `the service account's private key is unusable: ${(e as Error).message}` });
    }
    const answer = await this.send(api.googleTokenUrl, { method: 'POST', form: { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion } });
    const body = answer.body as { access_token?: unknown } | null;
    if (!isOk(answer) || typeof body?.access_token !== 'string') throw apiFailure(answer, `token from ${new URL(api.googleTokenUrl).host}`);
    return { value: body.access_token, detail: `token for ${api.clientEmail} acting for ${api.adminEmail} from ${new URL(api.googleTokenUrl).host}` };
  }

  async *readUsers(_baseDns: string[], pageSize: number): AsyncGenerator<RawEntry[]> {
    const query = { customer: this.api.customerId, maxResults: String(Math.min(pageSize, MAX_USERS)), projection: 'basic' };
    for await (const users of this.pages<GoogleUser>('users', query, 'users')) {
      yield users.map((u) => {
        // Aliases as smtp: values, so the mapping reads them like proxyAddresses (core/directory-entry.ts).
        const proxyAddresses = [...(u.primaryEmail ? [`SMTP:${u.primaryEmail}`] : []), ...(u.aliases ?? []).map((a) => `smtp:${a}`)];
        return { dn: `users/${u.id}`, ...present({ id: u.id, primaryEmail: u.primaryEmail, displayName: u.name?.fullName }), proxyAddresses, disabled: u.suspended === true } as RawEntry;
      });
    }
  }

  protected async *groupEntries(pageSize: number, withMembers: boolean): AsyncGenerator<RawEntry[]> {
    const query = { customer: this.api.customerId, maxResults: String(Math.min(pageSize, MAX_GROUPS)) };
    for await (const groups of this.pages<{ id: string; name?: string; email?: string }>('groups', query, 'groups')) {
      const entries: RawEntry[] = [];
      for (const g of groups) {
        const members = withMembers ? await this.members(g.id) : [];
        entries.push({ dn: `groups/${g.id}`, id: g.id, ...present({ cn: g.name ?? g.email }), members });
      }
      yield entries;
    }
  }

  private async members(groupId: string): Promise<string[]> {
    const out: string[] = [];
    for await (const page of this.pages<{ id: string; type?: string }>(`groups/${encodeURIComponent(groupId)}/members`, { maxResults: String(MAX_GROUPS) }, `members of group ${groupId}`)) {
      for (const m of page) out.push(`${m.type === 'GROUP' ? 'groups' : 'users'}/${m.id}`);
    }
    return out;
  }

  /** Pages by nextPageToken → pageToken; the resource's list is under its own name (users, groups, members). */
  private async *pages<T>(resource: string, query: Record<string, string>, what: string): AsyncGenerator<T[]> {
    const key = resource.split('/').at(-1)!;
    let pageToken: string | undefined;
    do {
      const params = new URLSearchParams({ ...query, ...(pageToken && { pageToken }) });
      const page = (await this.get(`${this.api.googleApiUrl}/admin/directory/v1/${resource}?${params}`, `Directory API ${what}`)) as Record<string, unknown>;
      yield (page[key] as T[] | undefined) ?? [];
      pageToken = typeof page.nextPageToken === 'string' ? page.nextPageToken : undefined;
    } while (pageToken);
  }
}
