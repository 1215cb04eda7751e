import { listWithMore as moreList, type MoreOptions } from '../../chat/lines.ts';
import type { ActionId, SlackMessage } from '../actions.ts';

/**
 * Block Kit building blocks and Slack's size limits (chat-notes.md). Every renderer goes through
 * these, so a long DN list or a huge diagnostic shortens the message instead of failing the post.
 */
export type Block = Record<string, unknown>;

export const LIMITS = {
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
  contextElements: 10,
  fields: 10,
  fieldText: 2000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  confirmLabel: 30,
  confirmText: 300,
  messageText: 3000,
  /** Slack fails near 13k characters of block text (`msg_blocks_too_long`); keep a margin. */
  blockText: 11_500,
} as const;

const TRUNCATED = '… (truncated)';

/** Slack mrkdwn control characters; every string that came from a user or a directory goes through this. */
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

export function fitSection(text: string): string {
  return clipMrkdwn(text, LIMITS.sectionText);
}

export function section(mrkdwn: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: fitSection(mrkdwn) } };
}

/** A section of label/value pairs, shown two per row. */
export function fields(items: string[]): Block {
  const shown = items.slice(0, LIMITS.fields).map((text) => ({ type: 'mrkdwn', text: clipMrkdwn(text, LIMITS.fieldText) }));
  return { type: 'section', fields: shown };
}

/** Lines packed into as few sections as fit, each ≤ 3,000 characters. */
export function sections(lines: string[]): Block[] {
  const out: Block[] = [];
  let current = '';
  for (const line of lines) {
    if (current && current.length + 1 + line.length > LIMITS.sectionText) {
      out.push(section(current));
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) out.push(section(current));
  return out;
}

export function context(...mrkdwn: string[]): Block {
  const elements = mrkdwn.slice(0, LIMITS.contextElements).map((text) => ({ type: 'mrkdwn', text: fitSection(text) }));
  return { type: 'context', elements };
}

export function header(plain: string): Block {
  return { type: 'header', text: { type: 'plain_text', text: clip(plain, LIMITS.headerText), emoji: true } };
}

export function divider(): Block {
  return { type: 'divider' };
}

export interface Confirm {
  title: string;
  /** mrkdwn */
  text: string;
  confirm: string;
  deny: string;
}

export interface ButtonSpec {
  text: string;
  actionId: ActionId;
  value: string;
  style?: 'primary' | 'danger';
  confirm?: Confirm;
}

export function button(spec: ButtonSpec): Block {
  const plain = (text: string, max: number) => ({ type: 'plain_text', text: clip(text, max), emoji: true });
  return {
    type: 'button',
    text: plain(spec.text, LIMITS.buttonText),
    action_id: spec.actionId.slice(0, LIMITS.actionId),
    value: spec.value.slice(0, LIMITS.buttonValue),
    ...(spec.style && { style: spec.style }),
    ...(spec.confirm && {
      confirm: {
        title: plain(spec.confirm.title, LIMITS.confirmLabel),
        text: { type: 'mrkdwn', text: clipMrkdwn(spec.confirm.text, LIMITS.confirmText, '…') },
        confirm: plain(spec.confirm.confirm, LIMITS.confirmLabel),
        deny: plain(spec.confirm.deny, LIMITS.confirmLabel),
        ...(spec.style === 'danger' && { style: 'danger' }),
      },
    }),
  };
}

export function actions(...buttons: Block[]): Block {
  return { type: 'actions', elements: buttons.slice(0, LIMITS.actionsElements) };
}

export type { MoreOptions };

/** At most `max` rendered items, the rest summed up in a last line; lines counted in characters. */
export function listWithMore<T>(items: readonly T[], max: number, render: (item: T, index: number) => string, opts: MoreOptions = {}): string[] {
  return moreList(items, max, render, (line) => line.length + 1, opts);
}

/** The characters of block text Slack counts against its message limit. */
export function blockTextLength(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + blockTextLength(v), 0);
  if (value === null || typeof value !== 'object') return 0;
  let n = 0;
  for (const [key, v] of Object.entries(value)) n += key === 'text' && typeof v === 'string' ? v.length : blockTextLength(v);
  return n;
}

/**
 * The last step of every renderer: ≤ 50 blocks and a bounded amount of text. Overflow is dropped
 * from the end and said so, but the last actions block survives: the buttons are the point.
 */
export function finish(message: SlackMessage): SlackMessage {
  const text = clipMrkdwn(message.text, LIMITS.messageText);
  const { blocks } = message;
  if (blocks.length <= LIMITS.blocks && blockTextLength(blocks) <= LIMITS.blockText) return { text, blocks };
  const at = blocks.findLastIndex((b) => b.type === 'actions');
  const tail = at >= 0 ? [blocks[at]!] : [];
  const rest = blocks.filter((_, i) => i !== at);
  const notice = (n: number) => context(`…and ${n} more not shown: too long for one Slack message.`);
  const kept: Block[] = [];
  let used = blockTextLength(tail) + blockTextLength(notice(rest.length));
  for (const block of rest) {
    const size = blockTextLength(block);
    if (kept.length + tail.length + 1 >= LIMITS.blocks || used + size > LIMITS.blockText) break;
    kept.push(block);
    used += size;
  }
  return { text, blocks: [...kept, notice(rest.length - kept.length), ...tail] };
}

/** A message with a fallback text (notifications) built from its first line. */
export function message(text: string, blocks: Block[]): SlackMessage {
  return finish({ text, blocks });
}
