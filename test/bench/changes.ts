// The change sets applied with ldapmodify as the rootdn (the service account only reads) between
// two syncs. For the full re-sync: 4 users get a new primary address, 3 users are added, 3 users
// change groups. For the delta: 5 users get a new primary address, 3 are deleted, 2 are added.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OPENLDAP_FIXTURE } from '../harness/slapd-fixture.ts';
import { benchUser } from './fixture-ldif.ts';
import type { FixtureFacts } from './fixture-ldif.ts';
import { check, runChild } from './measure.ts';

export interface ChangeSummary {
  mailChanged: number;
  usersAdded: number;
  membershipsMoved: number;
  /** Only the delta's set deletes users. */
  usersDeleted?: number;
  total: number;
}

export interface ChangeSet {
  ldif: string;
  summary: ChangeSummary;
}

/** User i's new primary address; the old one stays as an alias, as a rename in Exchange would leave it. */
function renameMail(i: number): string {
  const u = benchUser(i, 0);
  const fresh = u.mail.replace('@', '.renamed@');
  return [`dn: ${u.dn}`, 'changetype: modify', 'replace: mail', `mail: ${fresh}`, '-',
    'delete: proxyAddresses', `proxyAddresses: SMTP:${u.mail}`, '-',
    'add: proxyAddresses', `proxyAddresses: SMTP:${fresh}`, `proxyAddresses: smtp:${u.mail}`, '-'].join('\n');
}

const addUser = (i: number): string => benchUser(i, 0.25).ldif.trim().replace('\n', '\nchangetype: add\n');

function summed(s: Omit<ChangeSummary, 'total'>): ChangeSummary {
  return { ...s, total: s.mailChanged + s.usersAdded + s.membershipsMoved + (s.usersDeleted ?? 0) };
}

export function changesLdif(facts: FixtureFacts): ChangeSet {
  // Spread over the directory so no paging order can make them cheap by accident.
  const renamed = [1, Math.floor(facts.users / 3), Math.floor(facts.users / 2), facts.users - 1];
  const records = renamed.map(renameMail);
  const added = [0, 1, 2].map((k) => facts.users + k);
  records.push(...added.map(addUser));
  for (const m of facts.moves) {
    records.push([`dn: ${m.from}`, 'changetype: modify', 'delete: member', `member: ${m.member}`, '-'].join('\n'));
    records.push([`dn: ${m.to}`, 'changetype: modify', 'add: member', `member: ${m.member}`, '-'].join('\n'));
  }
  const summary = summed({ mailChanged: renamed.length, usersAdded: added.length, membershipsMoved: facts.moves.length });
  return { ldif: `${records.join('\n\n')}\n`, summary };
}

/**
 * The delta's 10 changes, none touching a user changesLdif touched (so each is a change of its
 * own, not a return to an earlier state). Deleted users stay named in their groups' member
 * lists, as on a server without the refint overlay: the delta must cope with dangling DNs.
 */
export function deltaChangesLdif(facts: FixtureFacts): ChangeSet {
  const n = facts.users;
  const taken = new Set([1, Math.floor(n / 3), Math.floor(n / 2), n - 1]);
  const spread = (fractions: number[]) => fractions.map((f) => {
    let i = Math.floor(n * f);
    while (taken.has(i)) i++;
    taken.add(i);
    return i;
  });
  const renamed = spread([0.1, 0.3, 0.55, 0.7, 0.9]);
  const deleted = spread([0.2, 0.6, 0.8]);
  const added = [3, 4].map((k) => n + k); // changesLdif adds n, n+1, n+2
  const records = [
    ...renamed.map(renameMail),
    ...deleted.map((i) => `dn: ${benchUser(i, 0).dn}\nchangetype: delete`),
    ...added.map(addUser),
  ];
  const summary = summed({ mailChanged: renamed.length, usersAdded: added.length, membershipsMoved: 0, usersDeleted: deleted.length });
  return { ldif: `${records.join('\n\n')}\n`, summary };
}

export async function applyChanges(url: string, { ldif, summary }: ChangeSet): Promise<ChangeSummary> {
  const dir = await mkdtemp(join(tmpdir(), 'dirsync-bench-changes-'));
  try {
    await writeFile(join(dir, 'changes.ldif'), ldif);
    const { dn, password } = OPENLDAP_FIXTURE.admin;
    check(await runChild('ldapmodify', ['-x', '-H', url, '-D', dn, '-w', password, '-f', join(dir, 'changes.ldif')]), 'ldapmodify');
    return summary;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
