import type { RecordedCall, Reply } from './https-standin.ts';
import { select, startGraphStandin, type GraphExtension, type GraphGroup, type GraphState } from './graph-standin.ts';

/**
 * Graph's delta query as documented ("Use delta query to track changes in Microsoft Graph data",
 * "user: delta", "group: delta"), for tests only: /v1.0/users/delta and /v1.0/groups/delta,
 * @odata.nextLink pages ending in an @odata.deltaLink whose $deltatoken names the state it was
 * issued at; `$deltatoken=latest` gives a link without the objects; a later round returns each
 * changed object once with every $select-ed property, removed ones as `{ id, @removed: { reason } }`
 * (`changed`: soft-deleted, restorable; `deleted`: gone for good), groups with `members@delta`
 * (all members in the first round, then only those added or removed, `@removed` on the removed),
 * a group's members split over several items when there are many. An expired token answers
 * 410 Gone with `syncStateNotFound` or `resyncRequired`.
 */
export interface DeltaControl {
  /** Ids removed into the recycle bin (reason `changed`); any other removed id is `deleted`. */
  softDeleted: Set<string>;
  /** Every delta token issued so far stops working, answered with this code. */
  expireTokens(code: 'syncStateNotFound' | 'resyncRequired'): void;
  /** members@delta items carry at most this many members; more go into further items for the same group. */
  membersPerItem: number;
}

interface Snapshot {
  users: Map<string, string>;
  groups: Map<string, { displayName: string; members: string[] }>;
}

const gone = (code: string): Reply => ({ status: 410, body: { error: { code, message: 'The delta token is no longer valid: start over with a full synchronization (a request without a $deltatoken).' } } });

export function graphDelta(): { extension: GraphExtension; control: DeltaControl } {
  const snapshots = new Map<string, Snapshot>();
  const rounds = new Map<string, { items: object[]; token: string }>();
  const expired = new Map<string, string>();
  let serial = 0;
  const control: DeltaControl = {
    softDeleted: new Set(),
    membersPerItem: 50,
    expireTokens(code) {
      for (const token of snapshots.keys()) expired.set(token, code);
      snapshots.clear();
    },
  };

  const take = (state: GraphState): string => {
    const token = `t${++serial}`;
    snapshots.set(token, {
      users: new Map(state.users.map((u) => [u.id, JSON.stringify(u)])),
      groups: new Map(state.groups.map((g) => [g.id, { displayName: g.displayName, members: [...g.members] }])),
    });
    return token;
  };
  const reason = (id: string) => ({ '@removed': { reason: control.softDeleted.has(id) ? 'changed' : 'deleted' } });
  const typed = (state: GraphState, id: string) => ({ '@odata.type': state.groups.some((g) => g.id === id) ? '#microsoft.graph.group' : '#microsoft.graph.user', id });

  function userChanges(state: GraphState, was: Snapshot, fields: string | undefined): object[] {
    const now = new Set(state.users.map((u) => u.id));
    const changed = state.users.filter((u) => was.users.get(u.id) !== JSON.stringify(u)).map((u) => select(u, fields));
    return [...changed, ...[...was.users.keys()].filter((id) => !now.has(id)).map((id) => ({ id, ...reason(id) }))];
  }

  function groupChanges(state: GraphState, was: Snapshot): object[] {
    const items: object[] = [];
    const item = (g: GraphGroup, members: object[]) => {
      if (members.length === 0) return items.push({ id: g.id, displayName: g.displayName });
      for (let i = 0; i < members.length; i += control.membersPerItem) {
        const chunk = members.slice(i, i + control.membersPerItem);
        items.push(i === 0 ? { id: g.id, displayName: g.displayName, 'members@delta': chunk } : { id: g.id, 'members@delta': chunk });
      }
    };
    for (const g of state.groups) {
      const before = was.groups.get(g.id);
      const added = g.members.filter((m) => !before?.members.includes(m)).map((m) => typed(state, m));
      const dropped = (before?.members ?? []).filter((m) => !g.members.includes(m)).map((m) => ({ ...typed(state, m), '@removed': { reason: 'deleted' } }));
      if (before && before.displayName === g.displayName && added.length + dropped.length === 0) continue;
      item(g, [...added, ...dropped]);
    }
    const now = new Set(state.groups.map((g) => g.id));
    for (const id of was.groups.keys()) if (!now.has(id)) items.push({ id, ...reason(id) });
    return items;
  }

  const extension: GraphExtension = (call: RecordedCall, { state, url }) => {
    const which = /^\/graph\/v1\.0\/(users|groups)\/delta$/.exec(call.path)?.[1] as 'users' | 'groups' | undefined;
    if (!which) return undefined;
    const link = (query: Record<string, string>) => `${url}${call.path}?${new URLSearchParams(query)}`;
    const fields = call.query.$select;
    const skip = call.query.$skiptoken;
    let round = skip ? rounds.get(skip) : undefined;
    if (skip && !round) return gone('syncStateNotFound');
    if (!round) {
      const token = call.query.$deltatoken;
      if (token === 'latest') return { status: 200, body: { value: [], '@odata.deltaLink': link({ ...(fields && { $select: fields }), $deltatoken: take(state) }) } };
      if (token && expired.has(token)) return gone(expired.get(token)!);
      const was = token ? snapshots.get(token) : { users: new Map(), groups: new Map() };
      if (!was) return gone('syncStateNotFound');
      round = { items: which === 'users' ? userChanges(state, was, fields) : groupChanges(state, was), token: take(state) };
    }
    const offset = Number(skip?.split(':')[1] ?? 0);
    const page = round.items.slice(offset, offset + state.pageSize);
    const next = offset + state.pageSize;
    if (next >= round.items.length) return { status: 200, body: { value: page, '@odata.deltaLink': link({ ...(fields && { $select: fields }), $deltatoken: round.token }) } };
    const key = `${round.token}:${next}`;
    rounds.set(key, round);
    return { status: 200, body: { value: page, '@odata.nextLink': link({ ...(fields && { $select: fields }), $skiptoken: key }) } };
  };
  return { extension, control };
}

/** The Graph stand-in with delta query. */
export async function startGraphDeltaStandin(init: Partial<GraphState> = {}) {
  const { extension, control } = graphDelta();
  const graph = await startGraphStandin(init, extension);
  return { ...graph, delta: control };
}
