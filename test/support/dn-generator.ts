import type { Prng } from './prng.ts';

/**
 * Generates DN strings for the differential test: mostly well-formed, with the hard parts of
 * RFC 4514 mixed in (escapes, hex pairs, multi-byte UTF-8, spaces at both ends of values and
 * around separators, multi-valued RDNs, `#` values) and a minority of broken ones (raw specials,
 * invalid UTF-8, odd attribute types, stray separators).
 */
const TYPES = ['cn', 'CN', 'ou', 'OU', 'dc', 'DC', 'uid', 'o', 'c', 'sn', 'street', 'x-custom', 'cn-', '2.5.4.3', '0.9.2342.19200300.100.1.25'];
const ODD_TYPES = ['cn;lang-en', 'cn;', '2.05.4.3', '42', '01', '1.2.', 'x_y', '1cn', '-cn', '', 'c n', 'oid.2.5.4.3', 'c\u00e9'];
const PLAIN = ['a', 'Smith', 'J. Doe', 'x1', 'M\u00fcller', '\u65e5\u672c', '\u{1F600}', '\u00e9', 'a b', 'Docs', '42', 'a#b', '\u00a0', '\u3000'];
const ESCAPED = ['\\,', '\\+', '\\"', '\\\\', '\\;', '\\<', '\\>', '\\#', '\\=', '\\ '];
const HEX_TEXT = ['\\41', '\\2C', '\\2c', '\\2F', '\\3D', '\\20', '\\00', '\\0D', '\\7F', '\\C3\\A9', '\\c3\\a9', '\\E6\\97\\A5', '\\F0\\9F\\98\\80', '\\C4\\8D'];
const RAW_SPECIAL = [',', '+', '"', '\\', ';', '<', '>', '#', '=', '/', '\t', '\x7f', '\x00', '\x01'];
const BAD_ESCAPE = ['\\/', '\\z', '\\2', '\\2g', '\\\u00e9'];
const BAD_UTF8 = ['\\FF', '\\C3', '\\80', '\\C3\\28', '\\ED\\A0\\80', '\\F0\\9F\\98', '\\C0\\AF', '\uD800'];
const HEX_DIGITS = '0123456789ABCDEFabcdef';

export function generateDns(rng: Prng, count: number): string[] {
  return Array.from({ length: count }, () => generateDn(rng));
}

function generateDn(rng: Prng): string {
  // Half the DNs are well-formed, so that enough values get compared at all.
  const noisy = rng.chance(0.5);
  const rdns = Array.from({ length: 1 + rng.int(4) }, () => rdn(rng, noisy));
  let dn = rdns.map((r, i) => (i === 0 ? r : `${spaces(rng, 0.15)},${spaces(rng, 0.15)}${r}`)).join('');
  if (noisy && rng.chance(0.06)) dn = mutate(rng, dn);
  return dn;
}

function rdn(rng: Prng, noisy: boolean): string {
  const avas = Array.from({ length: rng.chance(0.2) ? 2 + rng.int(2) : 1 }, () => ava(rng, noisy));
  return avas.join(`${spaces(rng, 0.2)}+${spaces(rng, 0.2)}`);
}

function ava(rng: Prng, noisy: boolean): string {
  const type = noisy && rng.chance(0.08) ? rng.pick(ODD_TYPES) : rng.pick(TYPES);
  return `${spaces(rng, 0.1)}${type}${spaces(rng, 0.1)}=${spaces(rng, 0.15)}${rng.chance(0.08) ? berValue(rng, noisy) : textValue(rng, noisy)}`;
}

function textValue(rng: Prng, noisy: boolean): string {
  if (rng.chance(0.04)) return spaces(rng, 0.5);
  let value = rng.chance(0.1) ? rng.pick(['\\ ', '\\20', '\\#']) : '';
  const pieces = 1 + rng.int(4);
  for (let i = 0; i < pieces; i++) value += piece(rng, noisy);
  if (rng.chance(0.3)) value += rng.pick([' ', '  ', '\t', ' \r\n', '\\ ', '\\20 ', '\\ \\ ', '\\C3\\A9 ', '\\F0\\9F\\98\\80  ', '\u00e9 ', '\u00a0']);
  return value;
}

function piece(rng: Prng, noisy: boolean): string {
  const roll = noisy ? rng.next() : rng.next() * 0.8;
  if (roll < 0.5) return rng.pick(PLAIN);
  if (roll < 0.68) return rng.pick(HEX_TEXT);
  if (roll < 0.8) return rng.pick(ESCAPED);
  if (roll < 0.88) return rng.pick(RAW_SPECIAL);
  if (roll < 0.93) return rng.pick(BAD_UTF8);
  if (roll < 0.96) return rng.pick(BAD_ESCAPE);
  return ' ';
}

/** `#` and hex pairs (BER), sometimes odd-length, empty, split by a space, or followed by text. */
function berValue(rng: Prng, noisy: boolean): string {
  const utf8 = Buffer.from(rng.pick(PLAIN)).toString('hex');
  let hex = !noisy || rng.chance(0.5) ? utf8 : Array.from({ length: 2 * (1 + rng.int(4)) }, () => rng.pick([...HEX_DIGITS])).join('');
  const roll = noisy ? rng.next() : 1;
  if (roll < 0.06) hex = hex.slice(1);
  else if (roll < 0.1) hex = '';
  else if (roll < 0.14) hex = `${hex.slice(0, 2)} ${hex.slice(2)}`;
  else if (roll < 0.17) hex += 'x';
  return `#${hex}${spaces(rng, 0.3)}`;
}

/** What libldap skips around separators: spaces, and also tabs and line ends. */
function spaces(rng: Prng, p: number): string {
  return rng.chance(p) ? rng.pick([' ', ' ', '  ', '\t', ' \r\n']) : '';
}

/** A structural slip: a doubled, leading or trailing separator, or a lost "=". */
function mutate(rng: Prng, dn: string): string {
  switch (rng.int(4)) {
    case 0:
      return `${dn},`;
    case 1:
      return `,${dn}`;
    case 2:
      return dn.replace(',', ',,');
    default:
      return dn.replace('=', '');
  }
}
