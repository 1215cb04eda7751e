import { describe, expect, it } from 'vitest';
import { checkDn, type DnCheck, type DnProblem } from '../../src/core/dn.ts';
import { generateDns } from '../support/dn-generator.ts';
import { LDAP_AVA_BINARY, libldapParse, libldapUnavailable, type LibldapDn } from '../support/libldap.ts';
import { fuzzSeed, prng } from '../support/prng.ts';

// checkDn against libldap's own parser (ldap_str2dn, LDAPv3 format) over generated DNs. Every
// disagreement must be one of DELIBERATE; any other fails the test with the seed to replay it.

const SEED = fuzzSeed(4514);
const COUNT = 3000;

type Difference = 'escaping rule' | 'invalid UTF-8' | 'attribute types' | 'strict #hexstring' | 'space after an escaped backslash';

/** Where dirsync and libldap disagree on purpose (dirsync refuses, or reads a value otherwise). Each says why. */
const DELIBERATE: Record<Difference, string> = {
  'escaping rule':
    '"/", "=" and control characters inside a value must be written as hex pairs (\\2F, \\3D, \\09). ' +
    'RFC 4514 allows them raw, but the mail platforms downstream require "/" and "=" escaped (their documented case: ' +
    'OU=Docs/KB must be OU=Docs\\2FKB) and a raw control character is invisible. dirsync refuses the DN and offers ' +
    'the corrected one, which must mean exactly what libldap read.',
  'invalid UTF-8':
    'a value whose bytes are not UTF-8 (a hex escape such as \\FF, a lone surrogate) is refused: dirsync keeps values ' +
    'as text, and a replacement character would silently name another entry. libldap accepts any octets.',
  'attribute types':
    'an attribute type must be an RFC 4512 descr or numericoid, without options: libldap also takes "cn;lang-en" ' +
    '(and drops the option, so the DN names something else) and numbers that are not OIDs ("42", "2.05.4.3").',
  'strict #hexstring':
    'a "#" value must be "#" followed by hex pairs only (RFC 4514 hexstring): libldap accepts a bare "#" as an ' +
    'empty value and stops at a space inside the pairs, dropping the rest.',
  'space after an escaped backslash':
    'a value ending in an escaped backslash and then spaces ("a\\\\ ") keeps one space in libldap, whose trimming only ' +
    'looks at the character before the space; that backslash is itself escaped, so the space is trailing and insignificant.',
};

const HEX_RULE = (c: string) => c === '/' || c === '=' || c.codePointAt(0)! < 0x20 || c === '\x7f';

type Verdict = { agree: string } | { deliberate: Difference[] } | { unexplained: string };

function judge(input: string, ours: DnCheck, theirs: LibldapDn): Verdict {
  const theyAccept = 'rdns' in theirs || theirs.error !== 'syntax';
  if (!ours.ok && !theyAccept) return { agree: 'both refuse' };
  // A lone surrogate cannot reach libldap at all: nothing to compare, but dirsync must refuse it.
  if ('error' in theirs && theirs.error === 'unencodable') return ours.ok ? { unexplained: 'dirsync accepts a string that cannot be UTF-8' } : { agree: 'not UTF-8, not compared' };
  if (ours.ok) {
    if ('rdns' in theirs) return sameDn(ours, theirs);
    // A #hexstring that is not UTF-8 is kept as bytes by both; python3-ldap cannot show it to compare.
    if (theirs.error === 'not_utf8' && ours.dn.flat().some((a) => a.hex !== undefined && !isUtf8(a.hex))) return { agree: 'same bytes, not comparable' };
    return { unexplained: `dirsync accepts, libldap says ${theirs.error}` };
  }
  const reasons = ours.problems.map((p) => explain(p, theirs, input));
  if (reasons.includes(null)) return { unexplained: `dirsync refuses (${ours.message}), libldap accepts` };
  const found = new Set(reasons as Difference[]);
  if (found.size === 1 && found.has('escaping rule') && 'rdns' in theirs) {
    const fixed = ours.corrected === null ? null : checkDn(ours.corrected);
    if (!fixed?.ok) return { unexplained: `the corrected DN ${ours.corrected} is not accepted` };
    const reading = sameDn(fixed, theirs);
    if ('unexplained' in reading) return { unexplained: `the corrected DN ${ours.corrected} differs from libldap's reading: ${reading.unexplained}` };
    if ('deliberate' in reading) reading.deliberate.forEach((d) => found.add(d));
  }
  return { deliberate: [...found] };
}

function explain(problem: DnProblem, theirs: LibldapDn, input: string): Difference | null {
  // libldap read a "#" value as BER, up to a space, and skipped the rest of that value whatever it
  // held. (python3-ldap cannot show a value that is not UTF-8, so then its flags are unknown.)
  const readBer = 'rdns' in theirs ? theirs.rdns.flat().some(([, , flags]) => (flags & LDAP_AVA_BINARY) !== 0) : theirs.error === 'not_utf8';
  const lenientBer = readBer && (problem.kind === 'syntax' ? /=[ \t\r\n]*#[0-9A-Fa-f]*[ \t\r\n]/.test(input) : problem.rdn.includes('=#'));
  switch (problem.kind) {
    case 'unescaped':
      if (problem.chars.every(HEX_RULE)) return 'escaping rule';
      return problem.chars.includes('#') && lenientBer ? 'strict #hexstring' : null;
    case 'invalid_utf8':
      if ('error' in theirs) return theirs.error !== 'syntax' ? 'invalid UTF-8' : null;
      return lenientBer ? 'strict #hexstring' : null;
    case 'syntax': {
      const type = /^"(.*)" is not an attribute type/.exec(problem.message)?.[1];
      if (type !== undefined && (type.includes(';') || /^[\d.]+$/.test(type))) return 'attribute types';
      return lenientBer ? 'strict #hexstring' : null;
    }
  }
}

type Ava = [type: string, value: string, binary: boolean];

/** Same RDNs, types and values, allowing only libldap's kept space after an escaped backslash. */
function sameDn(ours: Extract<DnCheck, { ok: true }>, theirs: { rdns: [string, string, number][][] }): Verdict {
  const mine: Ava[][] = ours.dn.map((rdn) => rdn.map((a) => [a.type, a.hex !== undefined ? hexBytes(a.hex) : a.value, a.hex !== undefined]));
  const libldap: Ava[][] = theirs.rdns.map((rdn) => rdn.map(([type, value, flags]) => [type, value, (flags & LDAP_AVA_BINARY) !== 0]));
  let quirk = false;
  const same = mine.length === libldap.length && mine.every((rdn, i) => rdn.length === libldap[i]!.length && rdn.every((a, j) => {
    const [type, value, binary] = libldap[i]![j]!;
    if (a[0] !== type || a[2] !== binary) return false;
    if (a[1] === value) return true;
    quirk = !binary && a[1].endsWith('\\') && value.length === a[1].length + 1 && value.startsWith(a[1]) && /[ \t\r\n]$/.test(value);
    return quirk;
  }));
  if (!same) return { unexplained: `values differ: dirsync ${JSON.stringify(mine)}, libldap ${JSON.stringify(libldap)}` };
  return quirk ? { deliberate: ['space after an escaped backslash'] } : { agree: 'same values' };
}

const hexBytes = (hex: string) => Buffer.from(hex, 'hex').toString('utf8');
const isUtf8 = (hex: string) => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(hex, 'hex'));
    return true;
  } catch {
    return false;
  }
};

const unavailable = libldapUnavailable();
const inCi = process.env.CI === 'true';
if (unavailable && !inCi) {
  const bar = '!'.repeat(78);
  console.warn(`\n${bar}\n!! LIBLDAP (python3-ldap) IS NOT AVAILABLE: THE DIFFERENTIAL DN TEST IS SKIPPED\n!! ${unavailable}\n` +
    `!! Install: apt-get install python3-ldap\n!! Under CI=true this fails the run instead.\n${bar}\n`);
}

describe.skipIf(unavailable !== null && !inCi)('checkDn against libldap (ldap_str2dn)', () => {
  it(`disagrees only where documented, over ${COUNT} generated DNs (seed ${SEED}, DIRSYNC_FUZZ_SEED replays)`, () => {
    if (unavailable) throw new Error(`${unavailable}. Install python3-ldap (apt-get install python3-ldap); CI=true requires it.`);
    const inputs = generateDns(prng(SEED), COUNT);
    const theirs = libldapParse(inputs);
    const tally = new Map<string, number>();
    const count = (key: string) => tally.set(key, (tally.get(key) ?? 0) + 1);
    const unexplained: string[] = [];
    inputs.forEach((input, i) => {
      const verdict = judge(input, checkDn(input), theirs[i]!);
      if ('agree' in verdict) count(verdict.agree);
      else if ('deliberate' in verdict) verdict.deliberate.forEach(count);
      else unexplained.push(`${JSON.stringify(input)}: ${verdict.unexplained}`);
    });
    const summary = `seed ${SEED}: ${JSON.stringify(Object.fromEntries(tally))}`;
    expect(unexplained, `${summary}\n${unexplained.length} undocumented disagreements:\n${unexplained.slice(0, 25).join('\n')}`).toEqual([]);
    // The comparison must have compared: most DNs parse alike, and every documented difference still occurs.
    expect(tally.get('same values') ?? 0, summary).toBeGreaterThan(COUNT * 0.4);
    for (const difference of Object.keys(DELIBERATE)) expect(tally.get(difference) ?? 0, `${summary}: "${difference}" never occurred`).toBeGreaterThan(0);
  });
});
