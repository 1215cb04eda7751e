import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { rows } from '../../../src/adapters/db/sql.ts';
import { backends } from '../../support/databases.ts';
import { entraDeltaLab } from '../../support/entra-lab.ts';
import { prng, type Prng } from '../../support/prng.ts';
import type { GraphGroup, GraphUser } from '../../support/standins/graph-standin.ts';
import type { DeltaControl } from '../../support/standins/graph-delta-standin.ts';
import { useDatabase } from '../../support/suite.ts';
import { syncNow } from '../../support/sync.ts';

/**
 * Property (issue 15's, for Entra ID): whatever the tenant does between reads, Graph deltas
 * converge exactly with a full read. Random changes on the Graph stand-in (seeded; the seed is
 * printed, DELTA_SEEDS=<seed>, replays it), a delta after each batch, then a full sync must
 * write nothing. CI runs a few seeds; DELTA_SEEDS=20 (a count) or DELTA_SEEDS=1,2,3 runs more.
 */
const SEEDS = seedsFromEnv(process.env.DELTA_SEEDS, 3);
const BATCHES = 3;
/** Each seed runs 1 + BATCHES + 1 syncs; on a loaded CI machine one takes seconds. */
const SEED_TIMEOUT_MS = 180_000;
const CHANGES_PER_BATCH = 6;

describe.each(backends.filter((b) => b.name === 'postgres'))('Entra ID deltas converge with a full read ($name)', (backend) => {
  const db = useDatabase(backend);
  const closing: { close: () => Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(closing.splice(0).map((s) => s.close()));
  });
  const table = (query: ReturnType<typeof sql>) => rows<Record<string, unknown>>(db.database.db, query);
  const snapshot = async (integration: string) => ({
    users: await table(sql`select * from directory_users where integration_id = ${integration} order by id`),
    addresses: await table(sql`select a.* from directory_addresses a join directory_users u on u.id = a.user_id where u.integration_id = ${integration} order by a.address`),
    groups: await table(sql`select * from directory_groups where integration_id = ${integration} order by id`),
    memberships: await table(sql`select m.* from directory_memberships m join directory_groups g on g.id = m.group_id where g.integration_id = ${integration} order by group_id, user_id`),
  });

  it.each(SEEDS)('seed %i', async (seed) => {
    console.log(`delta convergence (Entra ID): seed ${seed} — replay with DELTA_SEEDS=${seed},`);
    const random = prng(seed);
    const users = Array.from({ length: 8 }, (_, i) => person(`u${i}`));
    const groups: GraphGroup[] = [
      { id: 'g0', displayName: 'Staff', members: users.map((u) => u.id) },
      { id: 'g1', displayName: 'Admins', members: ['u0', 'u1'] },
    ];
    const { as, graph, integration } = await entraDeltaLab(db.store, { users, groups, pageSize: 3 });
    closing.push(graph);
    graph.delta.membersPerItem = 2;
    expect(await syncNow(as('operator'), 'cloud')).toMatchObject({ status: 'succeeded', mode: 'full' });
    const tenant = new Tenant(graph.state, graph.delta);
    for (let batch = 0; batch < BATCHES; batch++) {
      const done = Array.from({ length: CHANGES_PER_BATCH }, () => tenant.randomChange(random));
      const delta = await syncNow(as('operator'), 'cloud');
      expect(delta, `seed ${seed}, batch ${batch}: ${done.join('; ')}`).toMatchObject({ status: 'succeeded', mode: 'delta', deltaMethod: 'graph', fallbackReason: null });
    }
    const before = await snapshot(integration.id);
    const check = await syncNow(as('operator'), 'cloud', { mode: 'full' });
    expect(check.mode).toBe('full');
    const written = (['users', 'groups', 'memberships'] as const).map((k) => ({ k, ...check.counts![k] })).filter((c) => c.added + c.updated + c.restored > 0);
    expect(written, `seed ${seed}: the full read after the deltas wrote rows`).toEqual([]);
    expect(check.destructive).toMatchObject({ applied: 0 });
    expect(await snapshot(integration.id), `seed ${seed}`).toEqual(before);
  }, SEED_TIMEOUT_MS);
});

const person = (id: string, mailbox = id): GraphUser => ({ id, displayName: `Person ${id}`, mail: `${mailbox}@corp.example`, proxyAddresses: [`SMTP:${mailbox}@corp.example`], userPrincipalName: `${mailbox}@corp.example`, accountEnabled: true });

/** The stand-in's tenant, changed as Entra ID changes it: a deleted user leaves every group. */
class Tenant {
  private next = 100;
  private readonly binned: GraphUser[] = [];
  private readonly state: { users: GraphUser[]; groups: GraphGroup[] };
  private readonly delta: DeltaControl;
  constructor(state: Tenant['state'], delta: DeltaControl) {
    this.state = state;
    this.delta = delta;
  }

  randomChange(r: Prng): string {
    const s = this.state;
    const someUser = () => (s.users.length > 0 ? r.pick(s.users) : null);
    const someGroup = () => (s.groups.length > 0 ? r.pick(s.groups) : null);
    const id = () => `n${this.next++}`;
    const change = r.pick(['add', 'mail', 'proxy', 'rename', 'disable', 'bin', 'restore', 'delete', 'recreate', 'join', 'leave', 'renameGroup', 'deleteGroup', 'addGroup'] as const);
    const u = someUser();
    const g = someGroup();
    switch (change) {
      case 'add':
        s.users.push(person(id()));
        return 'add user';
      case 'mail':
        if (!u) return 'nothing';
        u.mail = `${id()}@corp.example`;
        return `change mail of ${u.id}`;
      case 'proxy':
        if (!u) return 'nothing';
        u.proxyAddresses = [...(u.proxyAddresses ?? []), `smtp:${id()}@corp.example`];
        return `add proxyAddress to ${u.id}`;
      case 'rename':
        if (!u) return 'nothing';
        u.displayName = `Renamed ${id()}`;
        return `rename ${u.id}`;
      case 'disable':
        if (!u) return 'nothing';
        u.accountEnabled = !u.accountEnabled;
        return `toggle accountEnabled of ${u.id}`;
      case 'bin':
      case 'delete':
        if (!u) return 'nothing';
        this.remove(u.id);
        if (change === 'bin') {
          this.delta.softDeleted.add(u.id);
          this.binned.push(u);
        }
        return `${change} ${u.id}`;
      case 'restore': {
        const back = this.binned.pop();
        if (!back) return 'nothing';
        this.delta.softDeleted.delete(back.id);
        s.users.push(back);
        return `restore ${back.id}`;
      }
      case 'recreate':
        if (!u) return 'nothing';
        this.remove(u.id);
        s.users.push(person(id(), u.mail?.split('@')[0]));
        return `re-create ${u.id} with a new id`;
      case 'join':
        if (!u || !g || g.members.includes(u.id)) return 'nothing';
        g.members.push(u.id);
        return `${u.id} joins ${g.id}`;
      case 'leave':
        if (!g || g.members.length === 0) return 'nothing';
        g.members.splice(r.int(g.members.length), 1);
        return `a member leaves ${g.id}`;
      case 'renameGroup':
        if (!g) return 'nothing';
        g.displayName = `Group ${id()}`;
        return `rename ${g.id}`;
      case 'deleteGroup':
        if (!g) return 'nothing';
        this.remove(g.id);
        return `delete ${g.id}`;
      case 'addGroup': {
        const members = s.users.slice(0, 1 + r.int(3)).map((m) => m.id);
        if (g && r.chance(0.3)) members.push(g.id); // nested
        s.groups.push({ id: id(), displayName: `Group ${this.next}`, members });
        return 'add group';
      }
    }
  }

  /** Gone from the tenant and from every group's members. */
  private remove(id: string) {
    const s = this.state;
    s.users = s.users.filter((u) => u.id !== id);
    s.groups = s.groups.filter((g) => g.id !== id);
    for (const g of s.groups) g.members = g.members.filter((m) => m !== id);
  }
}

/** "20" → 20 random seeds; "1,2,3" → those seeds (a trailing comma makes one seed a list). */
function seedsFromEnv(value: string | undefined, ciCount: number): number[] {
  if (value?.includes(',')) return value.split(',').filter(Boolean).map(Number);
  const n = value ? Number(value) : ciCount;
  return Array.from({ length: n }, () => Math.floor(Math.random() * 2 ** 31));
}
