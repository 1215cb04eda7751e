import type { Inline, Rich } from '../../presenters/message.ts';
import { PLATFORM_NAME, truncate } from '../../presenters/words.ts';

/**
 * Text for Adaptive Card TextBlocks, which take a Markdown subset (bold, italic, lists, links) and
 * Teams' {{DATE()}} / {{TIME()}} functions. Every string from a user or a directory goes through
 * `safe`, so a DN or a note can neither format the card nor pretend to be a link or a list.
 */

/** identity (`teams:<aad id>`) → display name, when the face knows it. */
export type Names = Record<string, string>;

export interface TeamsOptions {
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


/** Someone's note (a rejection reason): cards have no block quotes, so it is set apart in italics. */
export function quoted(note: string): string {
  return `_“${safe(note.trim())}”_`;
}

/** Where alerts go, in words: Teams conversation ids mean nothing to people, so they are a last resort. */
function channelRef(platform: string, channel: string, here: boolean): string {
  if (here && platform === 'teams') return 'this conversation';
  return platform === 'slack' ? `Slack channel ${safe(channel)}` : `the ${safe(PLATFORM_NAME[platform] ?? platform)} conversation ${safe(truncate(channel, 80))}`;
}

/** Structured text as TextBlock Markdown; names inside bold text are not bolded twice. */
export function markdown(text: Rich, opts: TeamsOptions = {}, inBold = false): string {
  return text.map((piece) => inline(piece, opts, inBold)).join('');
}

function inline(piece: Inline, opts: TeamsOptions, inBold: boolean): string {
  if (typeof piece === 'string') return safe(piece);
  const strong = (md: string) => (inBold ? md : `**${md}**`);
  switch (piece.mark) {
    case 'bold':
      return strong(markdown(piece.text, opts, true));
    case 'italic':
      return `_${safe(piece.text)}_`;
    // Cards have no code spans: what to copy or type is bold.
    case 'code':
      return strong(safe(piece.text));
    // The mention can be left out in a personal chat; in a channel it is needed.
    case 'command':
      return strong(safe(`@dirsync ${piece.text}`));
    case 'phrase':
      return inBold ? safe(piece.text.replace(/`/g, '')) : phrase(piece.text);
    case 'who':
      return who(piece.identity, opts.names);
    case 'when':
      return when(piece.time);
    case 'quote':
      return quoted(piece.text);
    case 'channel':
      return channelRef(piece.platform, piece.channel, piece.here);
    case 'br':
      return '\n\n';
  }
}
