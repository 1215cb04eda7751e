import type { types } from '@slack/bolt';
import { spec, type Button } from '../../presenters/buttons.ts';
import { allParts, shortened, type Message, type Part } from '../../presenters/message.ts';
import { clip, clipMrkdwn, codeBlock, escape, mrkdwn, plain } from './mrkdwn.ts';

type Block = types.KnownBlock;

/** A message as chat.postMessage, chat.update and response_url take it. */
export interface SlackMessage {
  /** The fallback: notifications, screen readers, clients that cannot show blocks. */
  text: string;
  blocks: Block[];
}

/** Slack's documented limits (chat-notes.md); `toSlack` is the one place that keeps to them. */
export const LIMITS = {
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
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
  /** What the lists of one message share, so one huge list cannot crowd out the others. */
  listText: 9000,
} as const;

const plainText = (text: string, max: number) => ({ type: 'plain_text' as const, text: clip(text, max), emoji: true });
const section = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text: clipMrkdwn(text, LIMITS.sectionText) } });
const context = (text: string): Block => ({ type: 'context', elements: [{ type: 'mrkdwn', text: clipMrkdwn(text, LIMITS.sectionText) }] });

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
  return current ? [...out, section(current)] : out;
}

function blocksOf(part: Part, listBudget: number): Block[] {
  switch (part.kind) {
    case 'heading':
      return [{ type: 'header', text: plainText(plain(part.text), LIMITS.headerText) }];
    case 'text':
      return [section(part.lines.map((line) => mrkdwn(line)).join('\n'))];
    case 'list': {
      const lines = shortened(part, (line) => mrkdwn(line), (line) => line.length + 1, part.max === undefined ? Infinity : listBudget);
      return sections(part.title ? [mrkdwn(part.title), ...lines] : lines);
    }
    case 'fields': {
      const fields = part.fields.slice(0, LIMITS.fields).map((f) => ({ type: 'mrkdwn' as const, text: clipMrkdwn(`*${escape(f.label)}*\n${mrkdwn(f.value)}`, LIMITS.fieldText) }));
      return [{ type: 'section', fields }];
    }
    case 'note':
      return part.only === 'teams' ? [] : [context(mrkdwn(part.text))];
    case 'diagnostic':
      return [section(`Diagnostic:\n${codeBlock(part.text)}`)];
    case 'steps':
      return [section(`*${escape(part.title)}*\n${part.items.map((item, i) => `${i + 1}. ${escape(item)}`).join('\n')}`)];
    case 'group':
      return [...(part.separated ? [{ type: 'divider' } as Block] : []), ...part.parts.flatMap((p) => blocksOf(p, listBudget))];
  }
}

/** Confirm dialogs are plain text throughout (Block Kit reference: a confirm's `text` may be plain_text). */
function buttonElement(b: Button): types.Button {
  const s = spec(b.id);
  const dialog = s.confirm && {
    title: plainText(s.confirm.title(b.value), LIMITS.confirmLabel),
    text: plainText(b.confirm ? plain(b.confirm) : `${s.label}?`, LIMITS.confirmText),
    confirm: plainText(s.confirm.yes, LIMITS.confirmLabel),
    deny: plainText('Cancel', LIMITS.confirmLabel),
    ...(s.style === 'danger' && { style: 'danger' as const }),
  };
  return {
    type: 'button',
    text: plainText(s.label, LIMITS.buttonText),
    action_id: s.slack.slice(0, LIMITS.actionId),
    value: b.value.slice(0, LIMITS.buttonValue),
    ...(s.style && { style: s.style }),
    ...(dialog && { confirm: dialog }),
  };
}

/** A neutral message as Block Kit, within Slack's limits. */
export function toSlack(message: Message): SlackMessage {
  const lists = allParts(message.parts).filter((p) => p.kind === 'list' && p.max !== undefined).length;
  const blocks = message.parts.flatMap((p) => blocksOf(p, LIMITS.listText / Math.max(1, lists)));
  if (message.buttons.length > 0) blocks.push({ type: 'actions', elements: message.buttons.slice(0, LIMITS.actionsElements).map(buttonElement) });
  return finish({ text: mrkdwn(message.summary, 'summary') || 'dirsync', blocks });
}

/** The characters of block text Slack counts against its message limit. */
function blockTextLength(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + blockTextLength(v), 0);
  if (value === null || typeof value !== 'object') return 0;
  let n = 0;
  for (const [key, v] of Object.entries(value)) n += key === 'text' && typeof v === 'string' ? v.length : blockTextLength(v);
  return n;
}

/**
 * ≤ 50 blocks and a bounded amount of text. Overflow is dropped from the end and said so, but the
 * last actions block survives: the buttons are the point.
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
