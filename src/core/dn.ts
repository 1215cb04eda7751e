/**
 * Distinguished names per RFC 4514, plus the stricter rule mail platforms apply downstream:
 * `/` and `=` inside a value, and anything not valid UTF-8, must be written as `\` + two hex
 * digits (the vendor-documented case: `OU=Docs/KB` must be `OU=Docs\2FKB`).
 *
 * The parser is lenient where real directories and admins are (spaces around separators),
 * and records every character that should have been escaped so the caller can both reject
 * the DN and print the corrected one.
 */

import { ESCAPE_WITH_BACKSLASH, escapeDnValue, formatDn, hex2, isControl, isLoneSurrogate } from './dn-format.ts';

export { dnKey, escapeDnValue, formatDn } from './dn-format.ts';

export interface Ava {
  type: string;
  value: string;
  /** Set when the value was given as `#hexstring` (BER); kept verbatim. */
  hex?: string;
}
export type Rdn = Ava[];
export type Dn = Rdn[];

export type DnProblem =
  | { kind: 'unescaped'; rdn: string; chars: string[] }
  | { kind: 'invalid_utf8'; rdn: string }
  | { kind: 'syntax'; message: string };

export type DnCheck =
  | { ok: true; dn: Dn; text: string }
  | { ok: false; problems: DnProblem[]; message: string; corrected: string | null };

const DESCR = /^[A-Za-z][A-Za-z0-9-]*$/;
const NUMERICOID = /^(0|[1-9]\d*)(\.(0|[1-9]\d*))+$/;
/** Spaces that are insignificant around separators and at both ends of a value (as in libldap). */
const SPACES = new Set([' ', '\t', '\n', '\r']);
/** Raw characters flagged inside a value (`,` and `+` get there when a piece was folded back in). */
const MUST_ESCAPE_RAW = new Set(['"', ',', '+', ';', '<', '>', '/', '=']);

interface RawAva extends Ava {
  source: string;
  unescaped: string[];
  badUtf8: boolean;
}

class DnSyntaxError extends Error {}

/**
 * Parses and checks a DN. `ok: false` carries every problem found and, when the DN's
 * structure could be recovered, the corrected DN to suggest.
 */
export function checkDn(input: string): DnCheck {
  if (trimSpaces(input) === '') {
    return { ok: false, problems: [{ kind: 'syntax', message: 'the DN is empty' }], message: 'the DN is empty', corrected: null };
  }
  let rdns: RawAva[][];
  try {
    rdns = parseRaw(input);
  } catch (e) {
    const message = e instanceof DnSyntaxError ? e.message : String(e);
    return { ok: false, problems: [{ kind: 'syntax', message }], message: `not a valid DN: ${message}`, corrected: null };
  }
  const dn: Dn = rdns.map((rdn) => rdn.map(({ type, value, hex }) => (hex === undefined ? { type, value } : { type, value, hex })));
  const corrected = formatDn(dn);
  const problems: DnProblem[] = [];
  for (const rdn of rdns) {
    const source = rdn.map((a) => a.source).join('+');
    const chars = [...new Set(rdn.flatMap((a) => a.unescaped))];
    if (chars.length > 0) problems.push({ kind: 'unescaped', rdn: source, chars });
    if (rdn.some((a) => a.badUtf8)) problems.push({ kind: 'invalid_utf8', rdn: source });
  }
  if (problems.length === 0) return { ok: true, dn, text: corrected };
  // Replacement characters are a guess at nothing: never offer them as a "fix".
  const fix = problems.some((p) => p.kind === 'invalid_utf8') ? null : corrected;
  return { ok: false, problems, message: describeProblems(problems, fix), corrected: fix };
}

export function describeProblems(problems: DnProblem[], corrected: string | null): string {
  const parts = problems.map((p) => {
    switch (p.kind) {
      case 'unescaped':
        return `${p.chars.map(showChar).join(', ')} in "${p.rdn}" must be escaped as ${p.chars.map(escapedForm).join(', ')}`;
      case 'invalid_utf8':
        return `"${p.rdn}" is not valid UTF-8: write each non-ASCII character as its UTF-8 bytes, e.g. é as \\C3\\A9`;
      case 'syntax':
        return p.message;
    }
  });
  return parts.join('; ') + (corrected ? `. Write it as ${corrected}` : '');
}

function showChar(c: string): string {
  return isControl(c) ? 'a control character' : `'${c}'`;
}

/** Escaped as if mid-value: a leading "#" is the only context-dependent case. */
function escapedForm(c: string): string {
  return c === '#' ? '\\#' : escapeDnValue(`x${c}x`).slice(1, -1);
}

interface Piece {
  text: string;
  sep: ',' | '+' | null;
}

/** Splits at unescaped "," and "+"; escapes are kept for parseValue. */
function splitPieces(input: string): Piece[] {
  const pieces: Piece[] = [];
  let text = '';
  let sep: Piece['sep'] = null;
  const chars = [...input];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '\\') {
      text += c + (chars[i + 1] ?? '');
      i++;
    } else if (c === ',' || c === '+') {
      pieces.push({ text, sep });
      text = '';
      sep = c;
    } else text += c;
  }
  pieces.push({ text, sep });
  return pieces;
}

function indexOfUnescaped(text: string, ch: string): number {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === ch) return i;
  }
  return -1;
}

function parseRaw(input: string): RawAva[][] {
  const merged: Piece[] = [];
  for (const piece of splitPieces(input)) {
    const prev = merged.at(-1);
    // "CN=Smith, John": a piece without "=" is almost always an unescaped separator inside
    // the previous value. Fold it back in so the corrected DN can be offered.
    if (prev && trimSpaces(piece.text) !== '' && indexOfUnescaped(piece.text, '=') < 0) {
      prev.text += piece.sep + piece.text;
    } else merged.push({ ...piece });
  }
  const rdns: RawAva[][] = [];
  for (const piece of merged) {
    const text = trimSpaces(piece.text, 'start');
    if (trimSpaces(text) === '') throw new DnSyntaxError(piece.sep ? `empty RDN after "${piece.sep}"` : 'the DN starts with a separator');
    const eq = indexOfUnescaped(text, '=');
    if (eq < 0) throw new DnSyntaxError(`"${trimSpaces(text)}" is not of the form type=value`);
    const type = trimSpaces(text.slice(0, eq));
    if (!DESCR.test(type) && !NUMERICOID.test(type)) {
      throw new DnSyntaxError(`"${type}" is not an attribute type (a name like OU or an OID like 2.5.4.11)`);
    }
    const ava = parseValue(significant([...trimSpaces(text.slice(eq + 1), 'start')]), type);
    if (piece.sep === '+' && rdns.length > 0) rdns.at(-1)!.push(ava);
    else rdns.push([ava]);
  }
  return rdns;
}

/** The value without its trailing unescaped spaces (an escape protects the character after it). */
function significant(chars: string[]): string[] {
  let end = 0;
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] === '\\') end = ++i + 1;
    else if (!SPACES.has(chars[i]!)) end = i + 1;
  }
  return chars.slice(0, end);
}

function parseValue(chars: string[], type: string): RawAva {
  const raw = chars.join('');
  const source = `${type}=${raw}`;
  const hexForm = /^#((?:[0-9A-Fa-f]{2})+)$/.exec(raw);
  if (hexForm) return { type, value: '', hex: hexForm[1]!.toUpperCase(), source, unescaped: [], badUtf8: false };
  let i = 0;
  let value = '';
  const unescaped: string[] = [];
  let badUtf8 = false;
  let bytes: number[] = [];
  const flush = () => {
    if (bytes.length === 0) return;
    try {
      value += new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
    } catch {
      badUtf8 = true;
      value += '\uFFFD';
    }
    bytes = [];
  };
  while (i < chars.length) {
    const c = chars[i]!;
    if (c === '\\') {
      const a = chars[i + 1];
      const b = chars[i + 2];
      if (a === undefined) throw new DnSyntaxError(`the value of ${type} ends with a lone backslash`);
      if (/[0-9A-Fa-f]/.test(a) && b !== undefined && /[0-9A-Fa-f]/.test(b)) {
        bytes.push(parseInt(a + b, 16));
        i += 3;
        continue;
      }
      // ADSI writes "/" as "\/" (and libldap takes "\" before a tab or a line end): taken as that
      // character but flagged, so the canonical hex form is suggested.
      if (a === '/' || (a !== ' ' && SPACES.has(a))) unescaped.push(a);
      else if (!ESCAPE_WITH_BACKSLASH.has(a) && a !== ' ' && a !== '#' && a !== '=') {
        throw new DnSyntaxError(`"\\${a}" in the value of ${type} is not an escape: a backslash goes before , + " \\ ; < > # = or a space, or before two hex digits (\\2F for "/", \\5C for a backslash itself)`);
      }
      flush();
      value += a;
      i += 2;
      continue;
    }
    flush();
    if (MUST_ESCAPE_RAW.has(c) || isControl(c)) unescaped.push(c);
    else if (c === '#' && value === '') unescaped.push(c);
    if (isLoneSurrogate(c)) badUtf8 = true;
    value += c;
    i++;
  }
  flush();
  return { type, value, source, unescaped, badUtf8 };
}

function trimSpaces(text: string, end: 'both' | 'start' = 'both'): string {
  let from = 0;
  let to = text.length;
  while (from < to && SPACES.has(text[from]!)) from++;
  while (end === 'both' && to > from && SPACES.has(text[to - 1]!)) to--;
  return text.slice(from, to);
}
