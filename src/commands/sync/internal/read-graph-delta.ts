import { membersOf, toDirectoryGroup, toDirectoryUser, type DirectoryUser } from '../../../core/directory-entry.ts';
import { graphDeltaReads, type GraphChanges, type GraphMark } from '../../../core/graph-delta.ts';
import type { ConnectionProbe } from '../../../core/probe.ts';
import type { Lease } from './keep-lease.ts';
import type { DirectoryRead, ReadCounts } from './read-directory.ts';
import type { RunJob } from './start-run.ts';

/**
 * An Entra ID delta (README "How deltas work": Entra ID): the users and groups Graph reports
 * changed since the stored delta links into staging, the ids it reports `@removed` as gone, and
 * Postgres stages everything else as stored (SyncStore.completeDelta, ids = gone). Member lists
 * are `users/<id>` paths, which no rename changes: groups naming a changed user need no re-read.
 */
export async function readGraphDelta(job: RunJob, probe: ConnectionProbe, lease: Lease, since: GraphMark): Promise<DirectoryRead> {
  const { ctx, run, integration } = job;
  const reads = graphDeltaReads(probe);
  const staging = await ctx.store.sync.staging(run.id);
  const counts: ReadCounts = { read: 0, skipped: 0 };
  const end = async () => {
    await probe.close().catch(() => {});
    await staging.abort().catch(() => {});
  };
  const map = integration.attributes;
  const stage = async <T>(pages: AsyncIterable<GraphChanges>, phase: 'users' | 'groups', toRows: (c: GraphChanges) => T[], write: (rows: T[]) => Promise<void>) => {
    for await (const page of pages) {
      const rows = toRows(page);
      if (rows.length > 0) await write(rows);
      if (page.removed.length > 0) await staging.ids(page.removed);
      lease.progress(phase, (counts.read += page.entries.length + page.removed.length));
    }
  };
  try {
    const users = (c: GraphChanges) =>
      c.entries.flatMap((e): DirectoryUser[] => {
        const user = toDirectoryUser(e, map, integration.kind);
        if (!user) counts.skipped++;
        return user ? [user] : [];
      });
    await stage(reads.userChanges(since.users), 'users', users, (u) => staging.users(u));
    await staging.usersDone();
    const groups = (c: GraphChanges) => c.entries.flatMap((e) => toDirectoryGroup(e, map, membersOf(e, map)) ?? []);
    await stage(reads.groupChanges(since.groups), 'groups', groups, (g) => staging.groups(g));
    await staging.finish();
    await ctx.store.sync.completeDelta(run.id, integration, 'gone');
  } catch (e) {
    await end();
    throw e;
  }
  return { counts, groups: Promise.resolve(), end };
}
