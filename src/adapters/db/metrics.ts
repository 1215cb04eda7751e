import { sql } from 'drizzle-orm';
import type { MetricsSnapshot } from '../../core/metrics.ts';
import type { Db } from './client.ts';
import { rows } from './sql.ts';

/** One snapshot per scrape, read from Postgres, so every replica reports the same numbers. Dry runs are previews, not syncs: left out. */
export async function metricsSnapshot(db: Db): Promise<MetricsSnapshot> {
  const [runs, lastSuccess, held, durations] = await Promise.all([
    rows<{ account: string; integration: string; status: string; failure_class: string | null; n: string | number }>(db, sql`
      select a.name as account, i.name as integration, r.status, r.failure->>'class' as failure_class, count(*) as n
      from sync_runs r join integrations i on i.id = r.integration_id join accounts a on a.id = r.account_id
      where not r.dry_run
      group by a.name, i.name, r.status, r.failure->>'class'`),
    rows<{ account: string; integration: string; at: Date | string | null }>(db, sql`
      select a.name as account, i.name as integration,
        (select max(finished_at) from sync_runs r where r.integration_id = i.id and r.status = 'succeeded' and not r.dry_run) as at
      from integrations i join accounts a on a.id = i.account_id where i.deleted_at is null`),
    rows<{ account: string; integration: string; status: string; kind: string; n: string | number }>(db, sql`
      select a.name as account, i.name as integration, p.status, p.kind, count(*) as n
      from pending_changes p join integrations i on i.id = p.integration_id join accounts a on a.id = p.account_id
      where p.status in ('held', 'awaiting_approval') group by a.name, i.name, p.status, p.kind`),
    rows<{ account: string; integration: string; seconds: number | string }>(db, sql`
      select a.name as account, i.name as integration, extract(epoch from (r.finished_at - r.started_at)) as seconds
      from sync_runs r join integrations i on i.id = r.integration_id join accounts a on a.id = r.account_id
      where r.finished_at is not null and r.started_at is not null and r.status in ('succeeded', 'failed') and not r.dry_run`),
  ]);
  return {
    runs: runs.map((r) => ({ account: r.account, integration: r.integration, status: r.status, failureClass: r.failure_class, count: Number(r.n) })),
    lastSuccess: lastSuccess.map((r) => ({ account: r.account, integration: r.integration, at: r.at ? new Date(r.at) : null })),
    held: held.map((r) => ({ account: r.account, integration: r.integration, status: r.status, kind: r.kind, count: Number(r.n) })),
    durations: durations.map((r) => ({ account: r.account, integration: r.integration, seconds: Number(r.seconds) })),
  };
}
