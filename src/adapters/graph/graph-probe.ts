import type { RawEntry } from '../../core/directory-entry.ts';
import { ProbeFailure } from '../../core/probe.ts';
import { ApiProbe, present, type Token } from '../api/api-probe.ts';
import { apiFailure, isOk } from '../api/answers.ts';
import { signJwt, thumbprint } from '../api/jwt.ts';

/** The user fields dirsync maps (README: Entra ID); nothing else is asked for. */
export const USER_SELECT = 'id,displayName,mail,proxyAddresses,userPrincipalName,accountEnabled';
/** Graph's largest page for users and groups. */
const MAX_TOP = 999;

interface Page<T> {
  value?: T[];
  '@odata.nextLink'?: string;
}
export interface GraphUser {
  id: string;
  displayName?: string | null;
  mail?: string | null;
  proxyAddresses?: string[];
  userPrincipalName?: string | null;
  accountEnabled?: boolean | null;
}

/** Microsoft Graph, application permissions, client credentials (docs: "Get access without a user"). */
export class GraphProbe extends ApiProbe {
  private get api() {
    const api = this.settings.api;
    if (api?.kind !== 'entra_id') throw new Error('GraphProbe needs entra_id settings');
    return api;
  }

  protected async fetchToken(): Promise<Token> {
    const api = this.api;
    const endpoint = `${api.loginUrl}/${encodeURIComponent(api.tenantId)}/oauth2/v2.0/token`;
    const form: Record<string, string> = { client_id: api.clientId, scope: `${api.graphUrl}/.default`, grant_type: 'client_credentials' };
    if (api.credential === 'client_secret') form.client_secret = api.secret;
    else {
      const now = Math.floor(Date.now() / 1000);
      const claims = { aud: endpoint, iss: api.clientId, sub: api.clientId, jti: crypto.randomUUID(), nbf: now, iat: now, exp: now + 600 };
      let assertion: string;
      try {
        assertion = signJwt({ x5t: thumbprint(this.settings.clientCertPem ?? '') }, claims, api.secret);
      } catch (e) {
        throw new ProbeFailure({ httpStatus: 0, apiError: 'invalid_client', diagnostic: `the client certificate or its key is unusable: ${(e as Error).message}` });
      }
      form.client_assertion_type = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
      form.client_assertion = assertion;
    }
    const answer = await this.send(endpoint, { method: 'POST', form });
    const body = answer.body as { access_token?: unknown } | null;
    if (!isOk(answer) || typeof body?.access_token !== 'string') throw apiFailure(answer, `token from ${new URL(endpoint).host}`);
    const how = api.credential === 'client_secret' ? 'client secret' : 'certificate';
    return { value: body.access_token, detail: `token for application ${api.clientId} in tenant ${api.tenantId} (${how}) from ${new URL(endpoint).host}` };
  }

  async *readUsers(_baseDns: string[], pageSize: number): AsyncGenerator<RawEntry[]> {
    const first = `${this.api.graphUrl}/v1.0/users?$select=${USER_SELECT}&$top=${Math.min(pageSize, MAX_TOP)}`;
    for await (const users of this.pages<GraphUser>(first, 'users')) {
      yield users.map(userEntry);
    }
  }

  protected async *groupEntries(pageSize: number, withMembers: boolean): AsyncGenerator<RawEntry[]> {
    const first = `${this.api.graphUrl}/v1.0/groups?$select=id,displayName&$top=${Math.min(pageSize, MAX_TOP)}`;
    for await (const groups of this.pages<{ id: string; displayName?: string | null }>(first, 'groups')) {
      const entries: RawEntry[] = [];
      for (const g of groups) {
        const members = withMembers ? await this.members(g.id) : [];
        entries.push({ dn: `groups/${g.id}`, id: g.id, ...present({ cn: g.displayName }), members });
      }
      yield entries;
    }
  }

  /** Direct members as the users/ or groups/ paths the entries carry as their `dn`. */
  protected async members(groupId: string): Promise<string[]> {
    const out: string[] = [];
    const first = `${this.api.graphUrl}/v1.0/groups/${encodeURIComponent(groupId)}/members?$select=id&$top=${MAX_TOP}`;
    for await (const page of this.pages<{ id: string; '@odata.type'?: string }>(first, `members of group ${groupId}`)) {
      for (const m of page) out.push(`${m['@odata.type'] === '#microsoft.graph.group' ? 'groups' : 'users'}/${m.id}`);
    }
    return out;
  }

  /** Follows @odata.nextLink, which carries the skip token, until a page has none. */
  private async *pages<T>(first: string, what: string): AsyncGenerator<T[]> {
    for (let url: string | undefined = first; url; ) {
      const page = (await this.get(url, `Graph ${what}`)) as Page<T>;
      yield page.value ?? [];
      url = page['@odata.nextLink'];
    }
  }
}

/** A Graph user as the entry the mapping reads (a full read and a delta give the same). */
export const userEntry = (u: GraphUser): RawEntry =>
  ({ dn: `users/${u.id}`, ...present({ id: u.id, displayName: u.displayName, mail: u.mail, proxyAddresses: u.proxyAddresses, userPrincipalName: u.userPrincipalName }), disabled: u.accountEnabled === false }) as RawEntry;
