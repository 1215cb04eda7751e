import { describe, expect, it } from 'vitest';
import { parseChat } from '../../src/faces/chat/run-chat-command.ts';
import { checkDn } from '../../src/core/dn.ts';
import { checkFilter, MAX_FILTER_LENGTH } from '../../src/core/ldap-filter.ts';
import { generateDns } from '../support/dn-generator.ts';
import { fuzzSeed, prng, type Prng } from '../support/prng.ts';

// Parsers of text people (or the directory) give us must answer every input without throwing: seeded
// mutations of valid inputs, random strings, and a few inputs at the size limits. How fast they answer
// is the benchmark's business (npm run bench), not a wall-clock assertion that a busy machine would fail.

const SEED = fuzzSeed(12);
const COUNT = 3000;

const FILTERS = ['(objectClass=user)', '(&(objectCategory=person)(objectClass=user)(!(userAccountControl:1.2.840.113556.1.4.803:=2)))',
  '(|(objectClass=groupOfNames)(objectClass=groupOfUniqueNames))', '(cn=Jo*n*Sm*)', '(cn:dn:2.5.13.5:=John)', '(cn=\\28x\\29)', '(&)', '(sn>=M)'];
const FILTER_BITS = ['(', ')', '&', '|', '!', '=', '*', '~=', '>=', ':=', ':dn:', '\\', '\\2a', '\\z', '\0', 'cn', '1.2.3', ';lang-de', ' ', 'é', '\uD800'];
const CHATS = ['help', 'list', 'sync corp-ad', 'sync all', 'disable corp-old migrated to corp-ad', 'reject 12 not yet', 'roles grant <@U024BE7LH|bob> operator',
  'roles revoke <@U024BE7LH>', 'alerts here', 'pending corp-ad', 'approve #12'];
const CHAT_BITS = [' ', '\t', '\n', '\u00a0', 'sync', 'all', 'roles', 'grant', '<@U1|x>', '<@', '>', '|', 'admin', 'é', '\u{1F600}', '\uDC00', '`', '#'];
const DN_BITS = [',', '+', '=', '\\', '#', '"', ';', '<', '>', '/', ' ', '\t', '\\2F', '\\C3', '\\A9', '\\', 'cn=', 'é', '\uD800', '\0'];

interface Target {
  name: string;
  seeds: (rng: Prng) => string[];
  bits: string[];
  extremes: string[];
  parse: (input: string) => unknown;
}

const TARGETS: Target[] = [
  {
    name: 'checkFilter',
    seeds: () => FILTERS,
    bits: FILTER_BITS,
    extremes: [`${'(&'.repeat(9000)}(cn=a)${')'.repeat(9000)}`, `(|${'(cn=a)'.repeat((MAX_FILTER_LENGTH - 3) / 6)})`, `(cn=${'\\2a'.repeat(20_000)})`, '('.repeat(MAX_FILTER_LENGTH)],
    parse: checkFilter,
  },
  {
    // The faces refuse text over the platforms' limits before parsing; the grammar stays linear anyway.
    name: 'the chat grammar',
    seeds: () => CHATS,
    bits: CHAT_BITS,
    extremes: ['x'.repeat(40_000), `sync ${'ab '.repeat(13_000)}`, ' '.repeat(40_000), `roles grant ${'<@U1|x> '.repeat(5_000)}`, 'y'.repeat(1_000_000)],
    parse: (text: string) => parseChat(text, { mention: (t) => (t.startsWith('<@') ? 'slack:U1' : null) }),
  },
  {
    name: 'checkDn',
    seeds: (rng) => generateDns(rng, 50),
    bits: DN_BITS,
    extremes: [`cn=${'a'.repeat(20_000)}`, 'cn=a,'.repeat(3_000) + 'dc=x', `cn=a${',b'.repeat(5_000)}`, `cn=${'\\C3\\A9'.repeat(3_000)}`, `cn=a${' '.repeat(20_000)}`],
    parse: checkDn,
  },
];

function mutate(rng: Prng, text: string, bits: string[]): string {
  let out = text;
  for (let n = 1 + rng.int(4); n > 0; n--) {
    const at = rng.int(out.length + 1);
    switch (rng.int(4)) {
      case 0:
        out = out.slice(0, at) + rng.pick(bits) + out.slice(at);
        break;
      case 1:
        out = out.slice(0, at) + out.slice(at + 1 + rng.int(3));
        break;
      case 2:
        out = out.slice(0, at) + out.slice(at).repeat(1 + rng.int(3));
        break;
      default:
        out = out.slice(0, at) + String.fromCharCode(rng.int(0x10000)) + out.slice(at + 1);
    }
  }
  return out;
}

const randomText = (rng: Prng) => Array.from({ length: rng.int(200) }, () => String.fromCharCode(rng.chance(0.7) ? 32 + rng.int(95) : rng.int(0x10000))).join('');

function inputs(target: Target, rng: Prng): string[] {
  const seeds = target.seeds(rng);
  const generated = Array.from({ length: COUNT }, () => (rng.chance(0.8) ? mutate(rng, rng.pick(seeds), target.bits) : randomText(rng)));
  return [...seeds, ...target.extremes, ...generated];
}

describe(`parser fuzzing (seed ${SEED}, DIRSYNC_FUZZ_SEED replays)`, () => {
  it.each(TARGETS.map((t) => [t.name, t] as const))('%s answers every input without throwing', (_, target) => {
    const rng = prng(SEED);
    const problems: string[] = [];
    const show = (input: string) => (input.length > 120 ? `${JSON.stringify(input.slice(0, 120))}… (${input.length} chars)` : JSON.stringify(input));
    for (const input of inputs(target, rng)) {
      try {
        target.parse(input);
      } catch (e) {
        problems.push(`${show(input)}: threw ${(e as Error).name}: ${(e as Error).message}`);
      }
    }
    expect(problems, `seed ${SEED}`).toEqual([]);
  });
});
