// The "10 changes" between two syncs, applied with ldapmodify as the rootdn (the service account
// only reads): 4 users get a new primary address, 3 users are added, 3 users change groups.
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
  total: number;
}

export function changesLdif(facts: FixtureFacts): { ldif: string; summary: ChangeSummary } {
  const records: string[] = [];
  // Spread over the directory so no paging order can make them cheap by accident.
  const renamed = [1, Math.floor(facts.users / 3), Math.floor(facts.users / 2), facts.users - 1];
  for (const i of renamed) {
    const u = benchUser(i, 0);
    const fresh = u.mail.replace('@', '.renamed@');
    // The old primary stays as an alias, as a rename in Exchange would leave it.
    records.push([`dn: ${u.dn}`, 'changetype: modify', 'replace: mail', `mail: ${fresh}`, '-',
      'delete: proxyAddresses', `proxyAddresses: SMTP:${u.mail}`, '-',
      'add: proxyAddresses', `proxyAddresses: SMTP:${fresh}`, `proxyAddresses: smtp:${u.mail}`, '-'].join('\n'));
  }
  const added = [0, 1, 2].map((k) => benchUser(facts.users + k, 0.25));
  for (const u of added) records.push(u.ldif.trim().replace('\n', '\nchangetype: add\n'));
  for (const m of facts.moves) {
    records.push([`dn: ${m.from}`, 'changetype: modify', 'delete: member', `member: ${m.member}`, '-'].join('\n'));
    records.push([`dn: ${m.to}`, 'changetype: modify', 'add: member', `member: ${m.member}`, '-'].join('\n'));
  }
  const summary = { mailChanged: renamed.length, usersAdded: added.length, membershipsMoved: facts.moves.length, total: 0 };
  summary.total = summary.mailChanged + summary.usersAdded + summary.membershipsMoved;
  return { ldif: `${records.join('\n\n')}\n`, summary };
}

export async function applyChanges(url: string, facts: FixtureFacts): Promise<ChangeSummary> {
  const { ldif, summary } = changesLdif(facts);
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
