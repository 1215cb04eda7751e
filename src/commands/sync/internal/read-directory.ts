import { membersOf, toDirectoryGroup, toDirectoryUser, type DirectoryUser, type RawEntry } from '../../../core/directory-entry.ts';
import type { Integration } from '../../../core/integration.ts';
import type { ConnectionProbe } from '../../../core/probe.ts';
import type { SyncStaging } from '../../../core/sync-ports.ts';
import type { Lease } from './keep-lease.ts';
import type { RunJob } from './start-run.ts';

/**
 * Entries per page. AD caps pages at 1,000 (MaxPageSize). A page's entries pile up inside the LDAP
 * client until the page is complete, so the larger the page, the more of them outlive a young-
 * generation collection and end up in old space: peak memory then grows with the directory.
 * Measured (npm run bench): 1,000-entry pages made peak memory at 100,000 users ~1.7× that at
 * 10,000, 250 ~1.5×, 100 ~1.25×.
 */
export const PAGE_SIZE = 100;
/** Groups carry their member lists: 50 groups can already hold 5,000 member DNs. */
export const GROUP_PAGE_SIZE = 50;

export type Progress = (phase: 'users' | 'groups', entriesRead: number) => void;

/**
 * Streams pages into staging while the next page is read and parsed: at most one page is being
 * written, so memory holds two pages whatever the directory's size. The next page is asked for
 * before this one is mapped, so the directory prepares it meanwhile (a paged search sends its
 * next request only when its reader asks for more).
 */
export async function stream<T>(pages: AsyncIterable<RawEntry[]>, map: (page: RawEntry[]) => T[], write: (rows: T[]) => Promise<void>, onPage: (entries: number) => void) {
  const reader = pages[Symbol.asyncIterator]();
  let writing: Promise<void> = Promise.resolve();
  let next = reader.next();
  try {
    for (let page = await next; !page.done; page = await next) {
      next = reader.next();
      const rows = map(page.value);
      await writing;
      writing = write(rows);
      // Observed at the next page: a write that fails meanwhile (the database went away) must
      // not count as unhandled until then.
      writing.catch(() => {});
      onPage(page.value.length);
    }
  } finally {
    next.catch(() => {}); // a request still in flight when this loop failed: its outcome is not news
    await writing;
  }
}

export interface ReadCounts {
  read: number;
  /** Users without the unique-id attribute: they cannot be synced. */
  skipped: number;
}

export async function readUsers(staging: SyncStaging, integration: Integration, probe: ConnectionProbe, counts: ReadCounts, progress: Progress): Promise<void> {
  const map = integration.attributes;
  const toUsers = (page: RawEntry[]) => {
    const users: DirectoryUser[] = [];
    for (const entry of page) {
      const user = toDirectoryUser(entry, map, integration.kind);
      if (user) users.push(user);
      else counts.skipped++;
    }
    return users;
  };
  await stream(probe.readUsers(integration.baseDns, PAGE_SIZE), toUsers, (u) => staging.users(u), (n) => progress('users', (counts.read += n)));
  await staging.usersDone();
}

export async function readGroups(staging: SyncStaging, integration: Integration, probe: ConnectionProbe, counts: ReadCounts, progress: Progress): Promise<void> {
  const map = integration.attributes;
  const toGroups = (page: RawEntry[]) => page.flatMap((entry) => toDirectoryGroup(entry, map, membersOf(entry, map)) ?? []);
  await stream(probe.readGroups(integration.baseDns, GROUP_PAGE_SIZE), toGroups, (g) => staging.groups(g), (n) => progress('groups', (counts.read += n)));
  await staging.finish();
}

/** A read under way: its users are staged, its groups are being read. */
export interface DirectoryRead {
  counts: ReadCounts;
  /** Resolves once the groups are staged too; rejects if their read fails. */
  groups: Promise<void>;
  /**
   * Ends the read wherever it is: closes the connection (a group read stops), waits for the
   * groups, then drops what staging had not committed. Never throws; harmless after a full read.
   */
  end(): Promise<void>;
}

/**
 * Reads every user into fresh staging, then starts the groups: they are read while the users
 * are checked (and, on Postgres, applied). A read that fails is ended and its error thrown.
 */
export async function readDirectory({ ctx, run, integration }: RunJob, probe: ConnectionProbe, lease: Lease): Promise<DirectoryRead> {
  const staging = await ctx.store.sync.staging(run.id);
  const counts: ReadCounts = { read: 0, skipped: 0 };
  let groups: Promise<void> = Promise.resolve();
  const end = async () => {
    await probe.close().catch(() => {});
    await groups.catch(() => {});
    await staging.abort().catch(() => {});
  };
  try {
    await readUsers(staging, integration, probe, counts, lease.progress);
  } catch (e) {
    await end();
    throw e;
  }
  groups = readGroups(staging, integration, probe, counts, lease.progress);
  groups.catch(() => {}); // observed by the apply, or by end()
  return { counts, groups, end };
}
