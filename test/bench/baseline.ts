// The least work any sync must do: read the same attributes with a paged ldapsearch, and
// \copy the same rows into index-free tables. Timed: the two ldapsearch runs and the psql \copy.
// Not timed: the LDIF→CSV glue, creating the database and its tables.
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVICE, SUFFIX } from './fixture-ldif.ts';
import type { FixtureFacts } from './fixture-ldif.ts';
import { ldifToCsv } from './ldif-to-csv.ts';
import type { CsvCounts } from './ldif-to-csv.ts';
import { check, runChild } from './measure.ts';
import { createDb, psql } from './pg.ts';

export const USER_FILTER = '(objectClass=inetOrgPerson)';
export const GROUP_FILTER = '(objectClass=groupOfNames)';
// What dirsync reads (its default attribute mapping for OpenLDAP).
const USER_ATTRS = ['entryUUID', 'mail', 'proxyAddresses', 'displayName'];
const GROUP_ATTRS = ['entryUUID', 'cn', 'member'];

export interface BaselineRun {
  dumpMs: number;
  copyMs: number;
  totalMs: number;
}

/** The median run, plus all of them. */
export interface Baseline extends BaselineRun {
  runs: BaselineRun[];
  /** Not in totalMs. */
  glueMs: number;
  dumpBytes: number;
  rows: CsvCounts;
}

const TABLES = `
CREATE TABLE users (entry_uuid text, dn text, mail text, display_name text);
CREATE TABLE addresses (user_uuid text, address text, is_primary boolean);
CREATE TABLE groups (entry_uuid text, dn text, cn text);
CREATE TABLE memberships (group_uuid text, member_dn text);`;

const NAMES = ['users', 'addresses', 'groups', 'memberships'];
const COPY = NAMES
  .map((t) => `\\copy ${t} FROM '${t}.csv' WITH (FORMAT csv)`)
  .join('\n');

function ldapsearch(url: string, filter: string, attrs: string[], out: string) {
  const args = ['-x', '-H', url, '-D', SERVICE.dn, '-w', SERVICE.password, '-b', SUFFIX, '-LLL',
    '-o', 'ldif-wrap=no', '-E', 'pr=1000/noprompt', filter, ...attrs];
  return runChild('ldapsearch', args, { stdoutFile: out });
}

/** Dump once into dir; returns the wall time of both searches. */
async function dump(url: string, dir: string): Promise<number> {
  const users = check(await ldapsearch(url, USER_FILTER, USER_ATTRS, join(dir, 'users.ldif')), 'ldapsearch (users)');
  const groups = check(await ldapsearch(url, GROUP_FILTER, GROUP_ATTRS, join(dir, 'groups.ldif')), 'ldapsearch (groups)');
  return users.wallMs + groups.wallMs;
}

/**
 * `runs` times dump + copy (each copy into new empty tables); the run with the median total is
 * the baseline. Single runs on this 2-core VM vary by ±20 %, which would make the 3× target flaky.
 */
export async function runBaseline(url: string, facts: FixtureFacts, dbName: string, runs: number): Promise<Baseline> {
  const dir = await mkdtemp(join(tmpdir(), 'dirsync-bench-baseline-'));
  try {
    const measured: BaselineRun[] = [];
    const dbUrl = await createDb(dbName);
    await writeFile(join(dir, 'copy.sql'), COPY);
    let glue: { glueMs: number; rows: CsvCounts } | undefined;
    for (let i = 0; i < runs; i++) {
      const dumpMs = await dump(url, dir);
      if (!glue) {
        // The dumps are identical, so converting the first one is enough.
        const t = performance.now();
        const rows = await ldifToCsv(join(dir, 'users.ldif'), join(dir, 'groups.ldif'), dir);
        glue = { glueMs: performance.now() - t, rows };
        // A short read would make the baseline look cheap: refuse it (e.g. a size limit kicked in).
        if (rows.users !== facts.users || rows.groups !== facts.groups || rows.memberships !== facts.memberships) {
          throw new Error(`baseline read ${JSON.stringify(rows)}, the fixture has ${JSON.stringify(facts)}`);
        }
      }
      await psql(dbUrl, '-c', `DROP TABLE IF EXISTS ${NAMES.join(', ')}`, '-c', TABLES);
      // One psql for all four tables; cwd so the \copy paths are short and need no quoting.
      const copy = check(await runChild('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', dbUrl, '-f', 'copy.sql'], { cwd: dir }), 'psql \\copy');
      measured.push({ dumpMs, copyMs: copy.wallMs, totalMs: dumpMs + copy.wallMs });
    }
    const median = [...measured].sort((a, b) => a.totalMs - b.totalMs)[Math.floor((measured.length - 1) / 2)]!;
    const dumpBytes = (await stat(join(dir, 'users.ldif'))).size + (await stat(join(dir, 'groups.ldif'))).size;
    return { ...median, runs: measured, glueMs: glue!.glueMs, dumpBytes, rows: glue!.rows };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
