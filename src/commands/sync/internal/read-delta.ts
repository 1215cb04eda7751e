import { changedSince, escapeFilterValue, type DeltaMark } from '../../../core/delta.ts';
import { externalId, membersOf, toDirectoryGroup, toDirectoryUser, type DirectoryUser, type RawEntry } from '../../../core/directory-entry.ts';
import { deltaReads, type ConnectionProbe } from '../../../core/probe.ts';
import type { SyncStaging } from '../../../core/sync-ports.ts';
import type { Lease } from './keep-lease.ts';
import { readGraphDelta } from './read-graph-delta.ts';
import { GROUP_PAGE_SIZE, PAGE_SIZE, stream, type DirectoryRead, type ReadCounts } from './read-directory.ts';
import type { RunJob } from './start-run.ts';

/** Id-only pages are small entries: AD's MaxPageSize. */
const ID_PAGE_SIZE = 1000;
/** Member DNs per `(|(member=…)…)` search for the groups naming a changed user. */
const DNS_PER_SEARCH = 50;
/** Beyond this many changed users, re-reading every group is cheaper than searching for them. */
const REREAD_ALL_GROUPS_OVER = 2000;

/**
 * A delta read (README "How deltas work"): what changed since `since` into staging, the groups
 * that name a changed user (a rename or a re-created DN changes which member DN matches whom),
 * then the id list that says what is still there: every id in scope (an id-only read), so what
 * was deleted, moved out of the base DNs or no longer matches the filters is gone. Postgres then
 * stages the rest as stored (SyncStore.completeDelta), and the run goes on as a full read would.
 * All of it is staged before the apply starts.
 */
export async function readDelta(job: RunJob, probe: ConnectionProbe, lease: Lease, since: DeltaMark): Promise<DirectoryRead> {
  if (since.method === 'graph') return readGraphDelta(job, probe, lease, since);
  const { ctx, run, integration } = job;
  const staging = await ctx.store.sync.staging(run.id);
  const counts: ReadCounts = { read: 0, skipped: 0 };
  const end = async () => {
    await probe.close().catch(() => {});
    await staging.abort().catch(() => {});
  };
  try {
    const narrow = changedSince(since);
    const changed = await readChangedUsers(job, staging, probe, counts, lease, narrow);
    await staging.usersDone();
    const groupsRead = new Set<string>();
    const groups = (pages: AsyncIterable<RawEntry[]>) => stageGroups(job, staging, pages, groupsRead, counts, lease);
    await groups(probe.readGroups(integration.baseDns, GROUP_PAGE_SIZE, narrow));
    if (changed.length > REREAD_ALL_GROUPS_OVER) {
      await groups(probe.readGroups(integration.baseDns, GROUP_PAGE_SIZE));
    } else {
      const dns = [...new Set([...changed.map((u) => u.dn), ...(await ctx.store.sync.storedDns(integration.id, changed.map((u) => u.externalId)))])];
      for (let i = 0; i < dns.length; i += DNS_PER_SEARCH) {
        const naming = dns.slice(i, i + DNS_PER_SEARCH).map((dn) => `(${integration.attributes.member}=${escapeFilterValue(dn)})`).join('');
        await groups(probe.readGroups(integration.baseDns, GROUP_PAGE_SIZE, `(|${naming})`));
      }
    }
    await stageIds(job, staging, probe, counts, lease);
    await staging.finish();
    await ctx.store.sync.completeDelta(run.id, integration, 'present');
  } catch (e) {
    await end();
    throw e;
  }
  return { counts, groups: Promise.resolve(), end };
}

async function readChangedUsers({ integration }: RunJob, staging: SyncStaging, probe: ConnectionProbe, counts: ReadCounts, lease: Lease, narrow: string) {
  const changed: DirectoryUser[] = [];
  const toUsers = (page: RawEntry[]) => {
    const users: DirectoryUser[] = [];
    for (const entry of page) {
      const user = toDirectoryUser(entry, integration.attributes, integration.kind);
      if (user) users.push(user);
      else counts.skipped++;
    }
    changed.push(...users);
    return users;
  };
  await stream(probe.readUsers(integration.baseDns, PAGE_SIZE, narrow), toUsers, (u) => staging.users(u), (n) => lease.progress('users', (counts.read += n)));
  return changed;
}

/** Groups not staged yet by this delta (an entry twice would stage its members twice). */
async function stageGroups({ integration }: RunJob, staging: SyncStaging, pages: AsyncIterable<RawEntry[]>, seen: Set<string>, counts: ReadCounts, lease: Lease) {
  const map = integration.attributes;
  const toGroups = (page: RawEntry[]) =>
    page.flatMap((entry) => {
      const group = toDirectoryGroup(entry, map, membersOf(entry, map));
      if (!group || seen.has(group.externalId)) return [];
      seen.add(group.externalId);
      return [group];
    });
  await stream(pages, toGroups, (g) => staging.groups(g), (n) => lease.progress('groups', (counts.read += n)));
}

async function stageIds({ integration }: RunJob, staging: SyncStaging, probe: ConnectionProbe, counts: ReadCounts, lease: Lease) {
  const ids = (page: RawEntry[]) => page.flatMap((e) => externalId(e, integration.attributes.uniqueId) ?? []);
  const write = (pages: AsyncIterable<RawEntry[]>) => stream(pages, ids, (i) => staging.ids(i), (n) => lease.progress('groups', (counts.read += n)));
  // AD too: tombstones (Deleted Objects, show-deleted control) are visible only to accounts
  // with rights on that container, and a least-privileged sync account sees none — Samba
  // answered its search with nothing. An id-only read of what is in scope sees every deletion.
  const reads = deltaReads(probe);
  await write(reads.readIds(integration.baseDns, 'users', ID_PAGE_SIZE));
  await write(reads.readIds(integration.baseDns, 'groups', ID_PAGE_SIZE));
}
