// A dashboard-sized account written in a few set-based statements (seconds, not minutes, on
// PGlite): integrations in every state, a long run history, held changes behind the disabled and
// failing ones, a batch awaiting approval, and failure alerts.
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/adapters/db/client.ts';
import { array, count, rows } from '../../src/adapters/db/sql.ts';
import { checklistFor, EXPLANATIONS } from '../../src/core/failures.ts';
import { DEFAULT_SCHEDULE, KIND_DEFAULTS } from '../../src/core/integration.ts';
import type { RunCounts, RunFailure } from '../../src/core/sync.ts';

export interface DashboardSize {
  integrations: number;
  runs: number;
}

export interface DashboardSeed {
  /** Integrations disabled or in error: each blocks every held change of the account. */
  blockers: string[];
  /** Held destructive changes (all blocked by `blockers`), and those awaiting approval. */
  held: number;
  awaitingApproval: number;
}

const SCHEDULES = [DEFAULT_SCHEDULE, '0 * * * *', '*/15 * * * *', '30 2 * * 1-5'];
const AD = KIND_DEFAULTS.active_directory;
const COUNTS: RunCounts = {
  users: { added: 2, updated: 5, unchanged: 4_993, restored: 0 },
  groups: { added: 0, updated: 1, unchanged: 299, restored: 0 },
  memberships: { added: 4, updated: 0, unchanged: 24_996, restored: 0 },
  skipped: 0,
};
const FAILURE: RunFailure = {
  class: 'connection',
  reason: 'connection_timeout',
  stage: 'tcp',
  message: `${EXPLANATIONS.connection_timeout} No answer from dc1.corp.example port 636 within 5 s.`,
  diagnostic: 'connect ETIMEDOUT',
  checklist: checklistFor('connection_timeout'),
};
/** Per blocked integration; and how many integrations (1 in BLOCKED_EVERY) have held changes. */
const HELD_EACH = 40;
const BLOCKED_EVERY = 10;
const AWAITING = 600;

/**
 * Seeds `size.integrations` integrations named dir-0001… (1 in 50 disabled, 1 in 50 in error)
 * and `size.runs` finished runs spread evenly over them, newest last (1 in 10 failed). Takes
 * the test or bench database handle (`{ database }`): it writes SQL, not through commands.
 */
export async function seedDashboard(
  { database }: { database: Database },
  accountId: string,
  size: DashboardSize = { integrations: 200, runs: 10_000 },
  now: Date = new Date(),
): Promise<DashboardSeed> {
  const { db } = database;
  const at = sql`${now.toISOString()}::timestamptz`;
  const account = sql`${accountId}::uuid`;
  const ints = sql`(select id, name, state, row_number() over (order by name) as k, count(*) over () as n
    from integrations where account_id = ${account} and deleted_at is null)`;

  await db.execute(sql`
    insert into integrations (id, account_id, name, kind, urls, tls_mode, bind_dn, bind_password_sealed, base_dns, user_filter, group_filter,
      attributes, schedule, state, state_changed_at, state_reason, created_at, updated_at)
    select gen_random_uuid(), ${account}, 'dir-' || lpad(g::text, 4, '0'), 'active_directory', array['ldaps://dc' || g || '.corp.example:636'], 'ldaps',
      'CN=svc-dirsync,OU=Service Accounts,DC=corp,DC=example', 'bench:not-a-secret', array['OU=Staff,DC=corp,DC=example'], ${AD.userFilter}, ${AD.groupFilter},
      ${JSON.stringify(AD.attributes)}::jsonb, (${array(SCHEDULES, 'text')})[1 + g % ${SCHEDULES.length}],
      (case when g % 50 = 0 then 'disabled' when g % 50 = 25 then 'error' else 'enabled' end)::integration_state,
      ${at} - (g % 14) * interval '1 day' - (g % 24) * interval '1 hour',
      case when g % 50 = 0 then 'disabled by cli:ops' when g % 50 = 25 then 'connection_timeout' end, ${at} - interval '90 days', ${at}
    from generate_series(1, ${size.integrations}) g`);

  // Ids grow with time, as real runs' do: each integration's newest run has its highest id.
  await db.execute(sql`
    insert into sync_runs (account_id, integration_id, trigger, actor, status, queued_at, started_at, finished_at, attempt, entries_read, counts, failure)
    select ${account}, i.id, 'schedule', 'system:scheduler', (case when g % 10 = 0 then 'failed' else 'succeeded' end)::run_status,
      ${at} - (${size.runs} - g) * interval '5 minutes', ${at} - (${size.runs} - g) * interval '5 minutes' + interval '1 second',
      ${at} - (${size.runs} - g) * interval '5 minutes' + interval '31 seconds', 1, 5300,
      case when g % 10 <> 0 then ${JSON.stringify(COUNTS)}::jsonb end, case when g % 10 = 0 then ${JSON.stringify(FAILURE)}::jsonb end
    from generate_series(1, ${size.runs}) g join ${ints} i on i.k = 1 + g % i.n
    order by g`);

  const blockers = (await rows<{ name: string }>(db, sql`select name from integrations where account_id = ${account} and state <> 'enabled' order by name`)).map((r) => r.name);
  // The gate records every blocker of the account on each change it holds.
  if (blockers.length > 0) await db.execute(sql`
    insert into pending_changes (account_id, integration_id, kind, user_id, group_id, status, blocked_by, created_at, updated_at, held_since)
    select ${account}, i.id, (array['remove_membership', 'change_address_type', 'delete_user', 'purge_user'])[1 + g % 4]::change_kind,
      i.k * 1000000 + g, case when g % 4 = 0 then g end, 'held', ${array(blockers, 'text')}, ${at} - interval '2 days', ${at}, ${at} - interval '2 days'
    from ${ints} i cross join generate_series(1, ${HELD_EACH}) g
    where i.state = 'enabled' and i.k % ${BLOCKED_EVERY} = 3`);

  await db.execute(sql`
    with request as (
      insert into approval_requests (account_id, kind, integration_id, status, requested_by, requested_at, expires_at, impact)
      select ${account}, 'apply_batch', i.id, 'pending', 'system:sync', ${at} - interval '1 hour', ${at} + interval '23 hours',
        jsonb_build_object('users', ${AWAITING}::int, 'groups', 0, 'memberships', 0, 'byKind',
          jsonb_build_object('remove_membership', 0, 'change_address_type', 0, 'delete_user', ${AWAITING}::int, 'purge_user', 0))
      from ${ints} i where i.k = 7 returning id, integration_id)
    insert into pending_changes (account_id, integration_id, kind, user_id, status, created_at, updated_at, approval_request_id)
    select ${account}, r.integration_id, 'delete_user', 2000000000 + g, 'awaiting_approval', ${at} - interval '1 hour', ${at}, r.id
    from request r cross join generate_series(1, ${AWAITING}) g`);

  await db.execute(sql`
    insert into alerts (account_id, integration_id, kind, class, reason, status, count, first_seen_at, last_seen_at, last_notified_at, detail)
    select ${account}, i.id, 'failure', 'connection', 'connection_timeout', 'open', 3, i.state_changed_at, ${at}, ${at},
      jsonb_build_object('kind', 'failure', 'run', (select max(r.id) from sync_runs r where r.integration_id = i.id), 'failure', ${JSON.stringify(FAILURE)}::jsonb)
    from integrations i where i.account_id = ${account} and i.state = 'error'`);

  const open = (status: string) => count(db, sql`select count(*) as n from pending_changes where account_id = ${account} and status = ${status}::change_status`);
  return { blockers, held: await open('held'), awaitingApproval: await open('awaiting_approval') };
}
