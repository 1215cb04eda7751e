import { sql, type SQL } from 'drizzle-orm';
import type { ChangeKind } from '../../core/sync.ts';
import type { ChangePage, ChangeScope } from '../../core/sync-ports.ts';
import type { Db } from './client.ts';
import { count, rows } from './sql.ts';

type Row = { kind: ChangeKind; display_name: string | null; user_dn: string | null; group_name: string | null; group_dn: string | null };

/**
 * The rows a scope names, as one select of (kind, user id, group id). A delete request has no
 * changes yet: what it would remove is read from the integration's objects, the way
 * removeIntegrationObjects derives them once approved.
 */
function scoped(accountId: string, scope: ChangeScope): SQL {
  if ('deleting' in scope) {
    return sql`
      select 'remove_membership'::change_kind as kind, m.user_id, m.group_id from directory_memberships m
        join directory_groups g on g.id = m.group_id where g.integration_id = ${scope.deleting}
      union all
      select 'change_address_type'::change_kind, id, null::bigint from directory_users
        where integration_id = ${scope.deleting} and status = 'active' and address_type = 'directory'`;
  }
  // A request keeps what it covered once settled (applied or rejected); re-derived away is not.
  const which =
    'approvalRequestId' in scope
      ? sql`approval_request_id = ${scope.approvalRequestId} and status <> 'superseded'`
      : sql`integration_id = ${scope.integrationId} and ${scope.status ? sql`status = ${scope.status}` : sql`status in ('held', 'awaiting_approval')`}`;
  return sql`select kind, user_id, group_id from pending_changes where account_id = ${accountId} and ${which}`;
}

/** ChangeRepo.items: a page of named changes, people in display-name order, then group. */
export async function changeItems(db: Db, accountId: string, scope: ChangeScope, page: { limit: number | null; offset: number }): Promise<ChangePage> {
  const base = scoped(accountId, scope);
  const found = await rows<Row>(db, sql`
    select c.kind, u.display_name, u.dn as user_dn, g.name as group_name, g.dn as group_dn
    from (${base}) c left join directory_users u on u.id = c.user_id left join directory_groups g on g.id = c.group_id
    order by lower(coalesce(u.display_name, u.dn)), u.id, c.kind, lower(g.name), g.id
    ${page.limit === null ? sql`` : sql`limit ${page.limit}`} offset ${page.offset}`);
  const total = page.limit === null && page.offset === 0 ? found.length : await count(db, sql`select count(*) as n from (${base}) c`);
  return {
    items: found.map((r) => ({
      kind: r.kind,
      user: r.user_dn === null ? null : { displayName: r.display_name, dn: r.user_dn },
      group: r.group_dn === null ? null : { name: r.group_name ?? r.group_dn, dn: r.group_dn },
    })),
    total,
  };
}
