import type { Dn } from './dn.ts';

/** RFC 4514 `escaped` characters: written as a backslash and the character. */
export const ESCAPE_WITH_BACKSLASH = new Set(['"', '+', ',', ';', '<', '>', '\\']);
/** Legal raw in RFC 4514 but refused downstream: written as a backslash and two hex digits. */
const ESCAPE_AS_HEX = new Set(['/', '=']);

export const isControl = (c: string) => {
  const code = c.codePointAt(0)!;
  return code < 0x20 || code === 0x7f;
};
export const hex2 = (code: number) => `\\${code.toString(16).toUpperCase().padStart(2, '0')}`;
const utf8 = new TextEncoder();

/** Escapes one attribute value for use in a DN string. */
export function escapeDnValue(value: string): string {
  let out = '';
  const chars = [...value];
  chars.forEach((c, i) => {
    if (ESCAPE_WITH_BACKSLASH.has(c)) out += `\\${c}`;
    else if (ESCAPE_AS_HEX.has(c) || isControl(c)) out += hex2(c.codePointAt(0)!);
    else if ((c === '#' || c === ' ') && i === 0) out += `\\${c}`;
    else if (c === ' ' && i === chars.length - 1) out += '\\ ';
    else if (isLoneSurrogate(c)) out += [...utf8.encode('\uFFFD')].map(hex2).join('');
    else out += c;
  });
  return out;
}

export function formatDn(dn: Dn): string {
  return dn
    .map((rdn) => rdn.map((a) => `${a.type}=${a.hex !== undefined ? `#${a.hex}` : escapeDnValue(a.value)}`).join('+'))
    .join(',');
}

/** A comparison key: attribute types and values case-folded, escaping canonical. */
export function dnKey(dn: Dn): string {
  return formatDn(dn.map((rdn) => rdn.map((a) => ({ ...a, type: a.type.toLowerCase(), value: a.value.toLowerCase() }))));
}

export function isLoneSurrogate(c: string): boolean {
  const code = c.charCodeAt(0);
  return c.length === 1 && code >= 0xd800 && code <= 0xdfff;
}
