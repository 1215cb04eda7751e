import { expect } from 'vitest';
import type { SlackMessage } from '../../src/faces/slack/block-kit.ts';

/**
 * Walks a rendered message and asserts Slack's documented limits (chat-notes.md), plus that every
 * mrkdwn text is escaped: the only `<…>` allowed are mentions, channels and dates that we emit.
 * Every test passes every message it renders through `withinLimits`.
 */
type Obj = Record<string, unknown>;

const MAX_BLOCK_TEXT = 12_000;
const ALLOWED_TOKEN = /^<(?:@[A-Z0-9]+|#[A-Z0-9]+|!date\^\d+\^[^|<>]+\|[^<>]+)>$/;

function texts(value: unknown, out: { type: string; text: string }[] = []): { type: string; text: string }[] {
  if (Array.isArray(value)) {
    for (const v of value) texts(v, out);
  } else if (value !== null && typeof value === 'object') {
    const o = value as Obj;
    if (typeof o.text === 'string') out.push({ type: String(o.type ?? 'mrkdwn'), text: o.text });
    for (const [k, v] of Object.entries(o)) if (k !== 'text' || typeof v !== 'string') texts(v, out);
  }
  return out;
}

function expectEscaped(text: string, where: string): void {
  for (const token of text.match(/<[^>]*>?/g) ?? []) {
    expect(token, `${where}: unescaped "<" in ${JSON.stringify(text.slice(0, 200))}`).toMatch(ALLOWED_TOKEN);
  }
  for (const amp of text.match(/&[^\s;]{0,6};?/g) ?? []) {
    expect(amp, `${where}: bare "&" in ${JSON.stringify(text.slice(0, 200))}`).toMatch(/^&(amp|lt|gt);$/);
  }
  const fences = text.split('```').length - 1;
  expect(fences % 2, `${where}: unbalanced code fence`).toBe(0);
}

function expectButton(b: Obj): void {
  const label = (b.text as Obj).text as string;
  expect(label.length, `button text "${label}"`).toBeLessThanOrEqual(75);
  expect(typeof b.action_id).toBe('string');
  expect((b.action_id as string).length).toBeLessThanOrEqual(255);
  expect(typeof b.value).toBe('string');
  expect((b.value as string).length).toBeLessThanOrEqual(2000);
  if (b.style !== undefined) expect(['primary', 'danger']).toContain(b.style);
  const confirm = b.confirm as Obj | undefined;
  if (confirm) {
    for (const key of ['title', 'confirm', 'deny']) {
      const t = (confirm[key] as Obj).text as string;
      expect(t.length, `confirm ${key} "${t}"`).toBeLessThanOrEqual(30);
      expect(t.length).toBeGreaterThan(0);
    }
    expect(((confirm.text as Obj).text as string).length).toBeLessThanOrEqual(300);
    expect(((confirm.text as Obj).text as string).length).toBeGreaterThan(0);
    // Block Kit's confirm dialog: plain_text title, text, confirm and deny.
    for (const key of ['title', 'text', 'confirm', 'deny']) expect((confirm[key] as Obj).type, `confirm ${key}`).toBe('plain_text');
  }
}

function expectBlock(block: Obj, i: number): void {
  const where = `block ${i} (${String(block.type)})`;
  switch (block.type) {
    case 'section': {
      const text = block.text as Obj | undefined;
      if (text) expect((text.text as string).length, where).toBeLessThanOrEqual(3000);
      const fields = block.fields as Obj[] | undefined;
      if (fields) {
        expect(fields.length, where).toBeLessThanOrEqual(10);
        for (const f of fields) expect((f.text as string).length, where).toBeLessThanOrEqual(2000);
      }
      expect(text ?? fields, `${where} has no text`).toBeDefined();
      break;
    }
    case 'context': {
      const elements = block.elements as Obj[];
      expect(elements.length, where).toBeGreaterThan(0);
      expect(elements.length, where).toBeLessThanOrEqual(10);
      for (const e of elements) expect((e.text as string).length, where).toBeLessThanOrEqual(3000);
      break;
    }
    case 'header':
      expect(((block.text as Obj).text as string).length, where).toBeLessThanOrEqual(150);
      expect((block.text as Obj).type).toBe('plain_text');
      break;
    case 'actions': {
      const elements = block.elements as Obj[];
      expect(elements.length, where).toBeGreaterThan(0);
      expect(elements.length, where).toBeLessThanOrEqual(25);
      for (const e of elements) expectButton(e);
      break;
    }
    case 'divider':
      break;
    default:
      throw new Error(`${where}: unexpected block type`);
  }
}

export function withinLimits<M extends SlackMessage | null>(message: M): M {
  if (message === null) return message;
  expect(message.text.length).toBeGreaterThan(0);
  expect(message.text.length).toBeLessThanOrEqual(3000);
  expectEscaped(message.text, 'fallback text');
  const blocks = message.blocks as unknown as Obj[];
  expect(blocks.length).toBeGreaterThan(0);
  expect(blocks.length).toBeLessThanOrEqual(50);
  blocks.forEach(expectBlock);
  const all = texts(blocks);
  expect(all.reduce((n, t) => n + t.text.length, 0)).toBeLessThanOrEqual(MAX_BLOCK_TEXT);
  for (const t of all) if (t.type === 'mrkdwn') expectEscaped(t.text, 'mrkdwn');
  return message;
}

/** Every text of the message, in order, for `toContain` checks. */
export function allText(message: SlackMessage): string {
  return [message.text, ...texts(message.blocks).map((t) => t.text)].join('\n');
}

export function actionBlocks(message: SlackMessage): Obj[] {
  return (message.blocks as unknown as Obj[]).filter((b) => b.type === 'actions');
}

export function buttons(message: SlackMessage): { text: string; action_id: string; value: string; style?: string; confirm?: Obj }[] {
  return actionBlocks(message).flatMap((b) => b.elements as Obj[]).map((e) => ({ ...e, text: (e.text as Obj).text as string }) as never);
}

/** The mrkdwn of every section, in order. */
export function sectionTexts(message: SlackMessage): string[] {
  return (message.blocks as unknown as Obj[]).filter((b) => b.type === 'section').flatMap((b) => [((b.text as Obj | undefined)?.text as string) ?? '', ...((b.fields as Obj[] | undefined) ?? []).map((f) => f.text as string)]);
}
