// Deterministic bench directory as LDIF: N users (inetOrgPerson + dirsyncMailRecipient), N/20
// groupOfNames with 10–400 members each (~5 memberships per user), and the read-all service
// account. Same parameters → byte-identical file, so the slapadd'ed cache can be keyed on them.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { OPENLDAP_FIXTURE } from '../harness/slapd-fixture.ts';

export const SUFFIX = OPENLDAP_FIXTURE.suffix; // acl.conf is written for this suffix
export const PEOPLE = `ou=People,${SUFFIX}`;
export const GROUPS = `ou=Groups,${SUFFIX}`;
/** Read-all by the fixture's acl.conf (`by users read`); same name and password as the test seed. */
export const SERVICE = { dn: `cn=dirsync-svc,ou=Services,${SUFFIX}`, password: 'Svc-Read-Pass-1' };

export interface FixtureParams {
  users: number;
  groups: number;
  seed: number;
}

/** What later steps need without re-reading the LDIF: counts and a few users to change. */
export interface FixtureFacts {
  users: number;
  groups: number;
  memberships: number;
  /** Group memberships to move: user is in `from` and not in `to`. */
  moves: { member: string; from: string; to: string }[];
}

export function paramsFor(users: number): FixtureParams {
  return { users, groups: Math.max(1, Math.round(users / 20)), seed: 20_240_601 };
}

/** mulberry32: tiny, fast and reproducible everywhere (Math.random is not seedable). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const FIRST = ['Alice', 'Bruno', 'Chloe', 'Dmitri', 'Elena', 'Farid', 'Greta', 'Hiro', 'Ines', 'Jonas', 'Kira', 'Luca', 'Maya', 'Nils', 'Olga', 'Pavel', 'Quentin', 'Rosa', 'Sven', 'Tara', 'Umar', 'Vera', 'Wes', 'Xenia', 'Yusuf', 'Zoe'];
const LAST = ['Archer', 'Berg', 'Costa', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Haas', 'Ito', 'Jensen', 'Kowalski', 'Lopez', 'Moreau', 'Novak', 'Okafor', 'Petrov', 'Quinn', 'Rossi', 'Schmidt', 'Tanaka', 'Ueda', 'Varga', 'Weber', 'Yilmaz', 'Zhang'];

export interface BenchUser {
  dn: string;
  uid: string;
  /** Mixed case on purpose: consumers must lower-case addresses. */
  mail: string;
  ldif: string;
}

/** User i (0-based); a pure function of (i, the i-th random draw) so changes can refer to it. */
export function benchUser(i: number, r: number, domain = 'example.org'): BenchUser {
  const first = FIRST[i % FIRST.length]!;
  const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
  const uid = `${first.toLowerCase()}.${last.toLowerCase()}.${i}`;
  const mail = `${first}.${last}.${i}@${domain}`;
  const dn = `uid=${uid},${PEOPLE}`;
  const aliases = [`smtp:${first[0]}${last}${i}@example.net`];
  if (r < 0.5) aliases.push(`smtp:${uid}@corp.example.org`);
  const ldif = [
    `dn: ${dn}`, 'objectClass: inetOrgPerson', 'objectClass: dirsyncMailRecipient',
    `uid: ${uid}`, `cn: ${first} ${last}`, `givenName: ${first}`, `sn: ${last}`,
    `displayName: ${first} ${last} (${i})`, `mail: ${mail}`, `proxyAddresses: SMTP:${mail}`,
    ...aliases.map((a) => `proxyAddresses: ${a}`),
    `proxyAddresses: X500:/o=Example/ou=Exchange Administrative Group/cn=Recipients/cn=${uid}`,
    '', '',
  ].join('\n');
  return { dn, uid, mail, ldif };
}

const BASE = `dn: ${SUFFIX}
objectClass: dcObject
objectClass: organization
dc: example
o: Example Org

dn: ${PEOPLE}
objectClass: organizationalUnit
ou: People

dn: ${GROUPS}
objectClass: organizationalUnit
ou: Groups

dn: ou=Services,${SUFFIX}
objectClass: organizationalUnit
ou: Services

dn: ${SERVICE.dn}
objectClass: organizationalRole
objectClass: simpleSecurityObject
cn: dirsync-svc
userPassword: ${SERVICE.password}

`;

/** Writes the LDIF to `file` (streamed: 100k users are ~75 MB) and returns the facts. */
export async function writeFixtureLdif(file: string, p: FixtureParams): Promise<FixtureFacts> {
  const random = rng(p.seed);
  const out = createWriteStream(file);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  // Entries are joined into ~1 MB chunks: one write() per entry would be needlessly slow.
  const flush = async (s: string): Promise<string> => {
    await write(s);
    return '';
  };
  await write(BASE);
  const userDns: string[] = [];
  let chunk = '';
  for (let i = 0; i < p.users; i++) {
    const u = benchUser(i, random());
    userDns.push(u.dn);
    chunk += u.ldif;
    if (chunk.length > 1 << 20) chunk = await flush(chunk);
  }
  let memberships = 0;
  const groupMembers: string[][] = [];
  for (let g = 0; g < p.groups; g++) {
    // r^(10/3) skews towards small groups: mean size ≈ 10 + 390 × 0.23 ≈ 100, a few near 400.
    const size = Math.min(p.users, 10 + Math.floor(390 * random() ** (10 / 3)));
    const picked = new Set<number>();
    while (picked.size < size) picked.add(Math.floor(random() * p.users));
    const members = [...picked].map((i) => userDns[i]!);
    if (g < 6) groupMembers.push(members);
    memberships += size;
    chunk += [`dn: ${groupDn(g)}`, 'objectClass: groupOfNames', `cn: ${groupCn(g)}`, ...members.map((m) => `member: ${m}`), '', ''].join('\n');
    if (chunk.length > 1 << 20) chunk = await flush(chunk);
  }
  await write(chunk);
  out.end();
  await once(out, 'finish');
  return { users: p.users, groups: p.groups, memberships, moves: pickMoves(groupMembers) };
}

export const groupCn = (g: number): string => `team-${String(g).padStart(5, '0')}`;
export const groupDn = (g: number): string => `cn=${groupCn(g)},${GROUPS}`;

/** Three (member, from, to) among the first groups: from group 2k to group 2k+1. */
function pickMoves(groups: string[][]): FixtureFacts['moves'] {
  const moves: FixtureFacts['moves'] = [];
  for (let k = 0; k < 3 && 2 * k + 1 < groups.length; k++) {
    const to = new Set(groups[2 * k + 1]);
    const member = groups[2 * k]!.find((m) => !to.has(m));
    if (member) moves.push({ member, from: groupDn(2 * k), to: groupDn(2 * k + 1) });
  }
  return moves;
}
