import type { RawEntry } from '../../core/directory-entry.ts';
import type { GraphChanges, GraphDeltaReads, GraphMark } from '../../core/graph-delta.ts';
import { ProbeFailure } from '../../core/probe.ts';
import { present } from '../api/api-probe.ts';
import { GraphProbe, USER_SELECT, userEntry, type GraphUser } from './graph-probe.ts';

interface DeltaPage<T> {
  value?: T[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}
type Removed = { '@removed'?: { reason?: string } };
interface DeltaGroup extends Removed {
  id: string;
  displayName?: string | null;
  'members@delta'?: unknown[];
}

/** Graph's answers when a delta link can no longer be followed: the client must start over with a full read. */
const RESYNC_CODES = new Set(['syncStateNotFound', 'resyncRequired', 'syncStateInvalid']);

/**
 * Entra ID with Graph's delta query (docs: "Use delta query to track changes"): /users/delta and
 * /groups/delta with the full read's $select, @odata.nextLink pages until @odata.deltaLink.
 */
export class GraphDeltaProbe extends GraphProbe implements GraphDeltaReads {
  /** First pages fetched to check the links (deltaExpired), handed to the read instead of asking twice. */
  private readonly firstPages = new Map<string, DeltaPage<unknown>>();

  private get graph() {
    const api = this.settings.api;
    if (api?.kind !== 'entra_id') throw new Error('GraphDeltaProbe needs entra_id settings');
    return api;
  }

  private deltaUrl(which: 'users' | 'groups') {
    return `${this.graph.graphUrl}/v1.0/${which}/delta?$select=${which === 'users' ? USER_SELECT : 'displayName,members'}`;
  }

  async graphMark(): Promise<GraphMark> {
    const latest = async (which: 'users' | 'groups') => {
      const page = (await this.get(`${this.deltaUrl(which)}&$deltatoken=latest`, `Graph ${which} delta link`)) as DeltaPage<unknown>;
      const link = page['@odata.deltaLink'];
      if (!link) throw new ProbeFailure({ httpStatus: 200, diagnostic: `Graph answered $deltatoken=latest for ${which} without an @odata.deltaLink`, message: `Graph ${which} delta link: no @odata.deltaLink in the answer` });
      return link;
    };
    return { method: 'graph', tenantId: this.graph.tenantId, graphUrl: this.graph.graphUrl, users: await latest('users'), groups: await latest('groups') };
  }

  async deltaExpired(since: GraphMark): Promise<string | null> {
    for (const [which, link] of [['users', since.users], ['groups', since.groups]] as const) {
      try {
        this.firstPages.set(link, (await this.get(link, `Graph ${which} delta`)) as DeltaPage<unknown>);
      } catch (e) {
        if (!(e instanceof ProbeFailure)) throw e;
        const { httpStatus, apiError } = e.observation;
        if (httpStatus !== 410 && !(apiError && RESYNC_CODES.has(apiError))) throw e;
        return `Graph can no longer follow the ${which} delta link (${e.observation.diagnostic}): it asks for a full read`;
      }
    }
    return null;
  }

  async *userChanges(link: string): AsyncGenerator<GraphChanges> {
    for await (const users of this.deltaPages<GraphUser & Removed>(link, 'users')) {
      yield { entries: users.filter((u) => !u['@removed']).map(userEntry), removed: users.filter((u) => u['@removed']).map((u) => u.id) };
    }
  }

  /**
   * A group comes back when its name or its members changed, with only the members that changed
   * (and, in one delta, possibly on several pages): its complete member list is re-read, as the
   * full read reads it, so a delta stages exactly what a full read would.
   */
  async *groupChanges(link: string): AsyncGenerator<GraphChanges> {
    const changed = new Map<string, string | null | undefined>();
    const removed = new Set<string>();
    for await (const groups of this.deltaPages<DeltaGroup>(link, 'groups')) {
      for (const g of groups) {
        if (g['@removed']) {
          removed.add(g.id);
          changed.delete(g.id);
        } else {
          removed.delete(g.id);
          if (!changed.has(g.id) || g.displayName !== undefined) changed.set(g.id, g.displayName ?? changed.get(g.id));
        }
      }
    }
    if (removed.size > 0) yield { entries: [], removed: [...removed] };
    for (const [id, name] of changed) {
      const entry: RawEntry = { dn: `groups/${id}`, id, ...present({ cn: name }), members: await this.members(id) };
      yield { entries: [entry], removed: [] };
    }
  }

  private async *deltaPages<T>(link: string, which: string): AsyncGenerator<T[]> {
    for (let url: string | undefined = link; url; ) {
      const cached = this.firstPages.get(url);
      this.firstPages.delete(url);
      const page = (cached ?? (await this.get(url, `Graph ${which} delta`))) as DeltaPage<T>;
      yield page.value ?? [];
      url = page['@odata.nextLink'];
    }
  }
}
