/**
 * LDAP search filter syntax check (RFC 4515, with RFC 4526's empty `(&)` / `(|)`).
 * Validating at the edge turns a server-side "invalid filter" hours later into an
 * immediate message that points at the offending position.
 */

export type FilterCheck = { ok: true } | { ok: false; message: string; fix?: string };

/** Real filters nest a handful of levels; a bound keeps a hostile one from exhausting the stack. */
export const MAX_FILTER_DEPTH = 64;
/** Hundreds of groups in one (|(memberOf=…)…) fit; more is not a filter a person maintains. */
export const MAX_FILTER_LENGTH = 65_536;

const ATTR = /^(?:[A-Za-z][A-Za-z0-9-]*|\d+(?:\.\d+)+)(?:;[A-Za-z0-9-]+)*$/;
const RULE = /^(?:[A-Za-z][A-Za-z0-9-]*|\d+(?:\.\d+)+)$/;

class FilterSyntaxError extends Error {
  readonly at: number;
  constructor(message: string, at: number) {
    super(message);
    this.at = at;
  }
}

export function checkFilter(input: string): FilterCheck {
  const text = input.trim();
  if (text === '') return { ok: false, message: 'the filter is empty' };
  if (text.length > MAX_FILTER_LENGTH) {
    const [length, max] = [text.length, MAX_FILTER_LENGTH].map((n) => n.toLocaleString('en'));
    return { ok: false, message: `the filter is ${length} characters long; at most ${max} are accepted (match a group or an attribute rather than listing entries one by one)` };
  }
  if (!text.startsWith('(')) {
    const wrapped = `(${text})`;
    if (checkFilter(wrapped).ok) return { ok: false, message: 'a filter must be enclosed in parentheses', fix: wrapped };
  }
  try {
    const end = parseFilter(text, 0);
    if (end !== text.length) throw new FilterSyntaxError('unexpected text after the closing parenthesis', end);
    return { ok: true };
  } catch (e) {
    if (!(e instanceof FilterSyntaxError)) throw e;
    return { ok: false, message: `${e.message} at position ${e.at + 1}: ${excerpt(text, e.at)}` };
  }
}

function excerpt(text: string, at: number): string {
  return `${text.slice(Math.max(0, at - 12), at)}⟶${text.slice(at, at + 12)}`;
}

/** Parses one parenthesised filter starting at `i`; returns the index after it. */
function parseFilter(s: string, i: number, depth = 1): number {
  if (s[i] !== '(') throw new FilterSyntaxError("expected '('", i);
  if (depth > MAX_FILTER_DEPTH) {
    throw new FilterSyntaxError(`the filter nests more than ${MAX_FILTER_DEPTH} levels deep (flatten it: (&(&(a=1)(b=2))(c=3)) is (&(a=1)(b=2)(c=3)))`, i);
  }
  i++;
  const op = s[i];
  if (op === '&' || op === '|') {
    i++;
    while (s[i] === '(') i = parseFilter(s, i, depth + 1);
  } else if (op === '!') {
    i = parseFilter(s, i + 1, depth + 1);
  } else {
    i = parseItem(s, i);
  }
  if (s[i] !== ')') throw new FilterSyntaxError(i >= s.length ? "missing ')'" : "expected ')'", i);
  return i + 1;
}

function parseItem(s: string, start: number): number {
  let i = start;
  while (i < s.length && !'=~<>:()'.includes(s[i]!)) i++;
  const attr = s.slice(start, i);
  if (s[i] === ':') return parseExtensible(s, start, attr, i);
  if (!ATTR.test(attr)) {
    throw new FilterSyntaxError(attr === '' ? 'missing attribute name' : `"${attr}" is not an attribute name`, start);
  }
  let allowStar = false;
  if (s[i] === '=') {
    allowStar = true;
    i++;
  } else if ((s[i] === '~' || s[i] === '>' || s[i] === '<') && s[i + 1] === '=') {
    i += 2;
  } else {
    throw new FilterSyntaxError("expected '=', '~=', '>=' or '<=' after the attribute name", i);
  }
  return parseValue(s, i, allowStar);
}

function parseExtensible(s: string, start: number, attr: string, i: number): number {
  if (attr !== '' && !ATTR.test(attr)) throw new FilterSyntaxError(`"${attr}" is not an attribute name`, start);
  let sawRule = false;
  const parts = s.slice(i, s.indexOf(':=', i) < 0 ? s.length : s.indexOf(':=', i)).split(':').slice(1);
  for (const part of parts) {
    if (part.toLowerCase() === 'dn' && !sawRule) continue;
    if (!RULE.test(part)) throw new FilterSyntaxError(`"${part}" is not a matching rule`, i);
    sawRule = true;
  }
  if (attr === '' && !sawRule) throw new FilterSyntaxError('an extensible match needs an attribute or a matching rule', start);
  const assign = s.indexOf(':=', i);
  if (assign < 0) throw new FilterSyntaxError("expected ':=' in the extensible match", i);
  return parseValue(s, assign + 2, false);
}

function parseValue(s: string, i: number, allowStar: boolean): number {
  while (i < s.length && s[i] !== ')') {
    const c = s[i]!;
    if (c === '\\') {
      if (!/^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
        throw new FilterSyntaxError('a backslash must be followed by two hex digits (e.g. \\28 for "(")', i);
      }
      i += 3;
      continue;
    }
    if (c === '(') throw new FilterSyntaxError('"(" inside a value must be written \\28', i);
    if (c === '*' && !allowStar) throw new FilterSyntaxError('"*" is only allowed with "=" (write \\2a for a literal star)', i);
    if (c === '\0') throw new FilterSyntaxError('NUL inside a value must be written \\00', i);
    i++;
  }
  return i;
}
