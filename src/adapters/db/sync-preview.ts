import { sql } from 'drizzle-orm';
import type { PreviewItem, PreviewSection } from '../../core/preview.ts';
import type { ChangeKind } from '../../core/sync.ts';
import type { ApplyOutcome } from '../../core/sync-ports.ts';
import type { Db } from './client.ts';
import { rows } from './sql.ts';
import { presentUsers, type ApplyScope } from './sync-apply.ts';

/**
 * Thrown inside a dry run's apply transaction once it has done everything a real run would:
 * the transaction rolls back and the apply returns `outcome`, findings included.
 */
export class DryRunDone extends Error {
  readonly outcome: ApplyOutcome;
  constructor(outcome: ApplyOutcome) {
    super('a dry run rolls back what it applied');
    this.outcome = outcome;
    this.name = 'DryRunDone';
  }
}

/**
 * Before the gate is carried out: the open changes of the integration with the names of their
 * users and groups (an applied purge removes the user, and with it its name).
 */
export async function noteOpenChanges(tx: Db, s: ApplyScope): Promise<void> {
  await tx.execute(sql`
    create temp table t_preview_changes on commit drop as
    select p.id, p.kind, u.display_name as name, coalesce(u.dn, '') as dn, g.name as group_name
    from pending_changes p
    left join directory_users u on u.id = p.user_id
    left join directory_groups g on g.id = p.group_id
    where p.integration_id = ${s.integrationId} and p.status in ('held', 'awaiting_approval')`);
}

type Row = { section: PreviewSection; kind: ChangeKind | null; name: string | null; dn: string; group_name: string | null };

/**
 * After the gate is carried out, inside the same transaction: the users this run added, updated
 * or restored (as they now read), and each noted change as the gate left it. Each section is
 * ordered by DN, so pages are stable.
 */
export async function previewItems(tx: Db, s: ApplyScope): Promise<PreviewItem[]> {
  const found = await rows<Row>(tx, sql`
    with users as (
      select 'added'::text as section, t.id from ${presentUsers(s)} t where t.new and not exists (select 1 from t_restored r where r.id = t.id)
      union all select 'restored', id from (select distinct id from t_restored) r
      union all select 'updated', id from (select distinct id from t_updated) u where not exists (select 1 from t_restored r where r.id = u.id)
    )
    select x.section, null::text as kind, d.display_name as name, d.dn, null::text as group_name
    from users x join directory_users d on d.id = x.id
    union all
    select case p.status when 'applied' then 'applied' when 'held' then 'held' else 'awaiting_approval' end, c.kind::text, c.name, c.dn, c.group_name
    from t_preview_changes c join pending_changes p on p.id = c.id
    order by 1, 4, 5`);
  return found.map((r) => ({ section: r.section, kind: r.kind, name: r.name, dn: r.dn, group: r.group_name }));
}
