/**
 * Text for Adaptive Card TextBlocks, which take a Markdown subset (bold, italic, lists, links) and
 * Teams' {{DATE()}} / {{TIME()}} functions. Every string from a user or a directory goes through
 * `safe`, so a DN or a note can neither format the card nor pretend to be a link or a list.
 */

/** identity (`teams:<aad id>`) → display name, when the face knows it. */
export type Names = Record<string, string>;

export interface RenderOptions {
  names?: Names;
}

const TRUNCATED = '… (truncated)';

// The characters the Markdown subset reacts to inline, and the backslash that escapes them.
const INLINE = /[\\*_[\]`<>]/g;
// At a line start these begin a list, a heading or a quote.
const LEADING = /^(\s*)([-+#=]|\d+[.)](?=\s|$))/;

/** User- or directory-provided text made inert for the TextBlock Markdown subset. */
export function safe(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) =>
      line
        .replace(INLINE, '\\$&')
        // An underscore inside a word never starts emphasis: left alone, `invalid_credentials` stays readable.
        .replace(/(?<=[\p{L}\p{N}])\\_(?=[\p{L}\p{N}])/gu, '_')
        // `{{` would start a date/time function: break the pair without changing what is shown.
        .replace(/\{(?=\{)/g, '{\\')
        .replace(LEADING, (_, space: string, mark: string) => `${space}${mark.slice(0, -1)}\\${mark.slice(-1)}`),
    )
    .join('\n');
}

/** Text the grammar or a command phrased for a person, with `code` marks: code becomes bold (cards have no code spans). */
export function phrase(text: string): string {
  const parts = text.split('`');
  // An unpaired backtick is just a character.
  if (parts.length % 2 === 0) parts.splice(-2, 2, `${parts.at(-2)}\`${parts.at(-1)}`);
  return parts.map((p, i) => (i % 2 === 1 && p ? `**${safe(p)}**` : safe(p))).join('');
}

/** A command to type, e.g. `@dirsync approve 12`, shown bold. */
export function cmd(text: string): string {
  return `**${safe(text)}**`;
}

/** A name inside a sentence: bold, escaped. */
export function bold(text: string): string {
  return `**${safe(text)}**`;
}

/** How a person is named: the display name when known, else the platform's kind of identity in words. */
export function who(identity: string, names?: Names): string {
  const known = names && Object.hasOwn(names, identity) ? names[identity] : undefined;
  if (known) return safe(known);
  const at = identity.indexOf(':');
  const platform = identity.slice(0, at);
  const id = identity.slice(at + 1);
  if (at < 0 || !id) return safe(identity);
  switch (platform) {
    case 'teams':
      return `a Teams user (…${safe(id.slice(-6))})`;
    case 'slack':
      return `Slack user ${safe(id)}`;
    case 'cli':
      return `${safe(id)} (CLI)`;
    case 'web':
      return `${safe(id)} (dashboard)`;
    case 'system':
    case 'config':
      return 'dirsync';
    default:
      return safe(identity);
  }
}

/** Localised by the Teams client; the functions want RFC 3339 without fractions. */
export function when(time: string | Date): string {
  const date = typeof time === 'string' ? new Date(time) : time;
  if (Number.isNaN(date.getTime())) return safe(String(time));
  const iso = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `{{DATE(${iso}, SHORT)}} {{TIME(${iso})}}`;
}

const MACROS = /\{\{DATE\((\d{4}-\d\d-\d\d)T(\d\d:\d\d):\d\dZ, SHORT\)\}\} \{\{TIME\([^)]*\)\}\}/g;

/** Card Markdown as one line of plain text (the message summary: notifications, screen readers). */
export function plain(markdown: string): string {
  let out = '';
  const text = markdown.replace(MACROS, '$1 $2 UTC');
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const inWord = c === '_' && /[\p{L}\p{N}]/u.test(text[i - 1] ?? '') && /[\p{L}\p{N}]/u.test(text[i + 1] ?? '');
    if (c === '\\' && i + 1 < text.length) out += text[++i];
    else if ((c !== '*' && c !== '_') || inWord) out += c;
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** Plain text (a reason, a warning) shortened to `max` characters, before it is made safe. */
export function short(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut}…`;
}

/** Cuts Markdown to `max` characters without leaving half an escape, half a date function or an open bold. */
export function clip(markdown: string, max: number, suffix = TRUNCATED): string {
  if (markdown.length <= max) return markdown;
  let cut = markdown.slice(0, Math.max(0, max - suffix.length - 2));
  const open = cut.lastIndexOf('{{');
  if (open > cut.lastIndexOf('}}')) cut = cut.slice(0, open);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  if ((/\\+$/.exec(cut)?.[0].length ?? 0) % 2 === 1) cut = cut.slice(0, -1);
  const bolds = cut.replace(/\\./g, '').split('**').length - 1;
  return `${cut}${bolds % 2 === 1 ? '**' : ''}${suffix}`;
}

/** A dirsync command as typed in Teams (the mention can be left out in a personal chat). */
export function bot(words: string): string {
  return cmd(`@dirsync ${words}`);
}

/** Someone's note (a rejection reason): cards have no block quotes, so it is set apart in italics. */
export function quoted(note: string): string {
  return `_“${safe(note.trim())}”_`;
}
