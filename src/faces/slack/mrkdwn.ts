import type { Inline, Rich } from '../../presenters/message.ts';

/**
 * Structured text to Slack mrkdwn. Every string from a user or a directory goes through
 * `escape`; the only `<…>` tokens in a message are the mentions, channels and dates made here.
 */

/** Slack mrkdwn control characters, & first. */
export function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A code span that cannot be closed early by a backtick in the value (Slack has no escape for it). */
export function code(text: string): string {
  return `\`${escape(text).replace(/`/g, 'ˋ')}\``;
}

export function codeBlock(text: string): string {
  return `\`\`\`${escape(text).replace(/`/g, 'ˋ')}\`\`\``;
}

/** `slack:U123` → a mention Slack resolves to the person's name; anyone else as plain text. */
export function who(identity: string): string {
  const slack = /^slack:([A-Z0-9]+)$/i.exec(identity);
  return slack ? `<@${slack[1]!.toUpperCase()}>` : escape(identity);
}

/** Shown in each reader's own time zone by Slack; the fallback is for clients that cannot. */
export function when(time: string | Date): string {
  const date = typeof time === 'string' ? new Date(time) : time;
  if (Number.isNaN(date.getTime())) return escape(String(time));
  const iso = date.toISOString();
  return `<!date^${Math.floor(date.getTime() / 1000)}^{date_short_pretty} {time}|${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC>`;
}

/** A Slack channel as a link; other platforms' conversation ids as text. */
export function channelRef(platform: string, channel: string): string {
  return platform === 'slack' && /^[CGD][A-Z0-9]+$/i.test(channel) ? `<#${channel.toUpperCase()}>` : escape(channel);
}

/** `summary`: the fallback text, where names are not bold. */
export function mrkdwn(text: Rich, mode: 'block' | 'summary' = 'block', inBold = false): string {
  return text.map((piece) => inline(piece, mode, inBold)).join('');
}

function inline(piece: Inline, mode: 'block' | 'summary', inBold: boolean): string {
  if (typeof piece === 'string') return escape(piece);
  switch (piece.mark) {
    case 'bold': {
      const inner = mrkdwn(piece.text, mode, true);
      return mode === 'summary' || inBold ? inner : `*${inner}*`;
    }
    case 'italic':
      return mode === 'summary' ? escape(piece.text) : `_${escape(piece.text)}_`;
    case 'code':
      return code(piece.text);
    case 'command':
      return code(`/dirsync ${piece.text}`);
    case 'phrase':
      // Slack shows the `code` marks of the grammar's sentences as they are meant.
      return escape(piece.text);
    case 'who':
      return who(piece.identity);
    case 'when':
      return when(piece.time);
    case 'quote':
      return `> ${escape(piece.text)}`;
    case 'channel':
      return channelRef(piece.platform, piece.channel);
    case 'br':
      return '\n';
  }
}

/** For plain_text fields (headers, buttons, dialogs): no markup, no escaping, no mentions. */
export function plain(text: Rich): string {
  return text
    .map((p) => {
      if (typeof p === 'string') return p;
      switch (p.mark) {
        case 'bold':
          return plain(p.text);
        case 'command':
          return `/dirsync ${p.text}`;
        case 'who':
          return p.identity;
        case 'when':
          return (typeof p.time === 'string' ? p.time : p.time.toISOString()).slice(0, 16).replace('T', ' ') + ' UTC';
        case 'channel':
          return p.channel;
        case 'br':
          return ' ';
        default:
          return p.text;
      }
    })
    .join('');
}

const TRUNCATED = '… (truncated)';

/** Cuts mrkdwn to `max` without leaving half an entity, half a `<…>` token or an open code block. */
export function clipMrkdwn(text: string, max: number, suffix = TRUNCATED): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - suffix.length - 3));
  const amp = cut.lastIndexOf('&');
  if (amp >= 0 && !cut.slice(amp).includes(';')) cut = cut.slice(0, amp);
  const open = cut.lastIndexOf('<');
  if (open > cut.lastIndexOf('>')) cut = cut.slice(0, open);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const fences = cut.split('```').length - 1;
  return `${cut}${fences % 2 === 1 ? '```' : ''}${suffix}`;
}

/** Plain text (headers, buttons, dialog labels) cut to `max` characters. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut}…`;
}
