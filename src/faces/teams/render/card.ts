import { listWithMore as moreList, type MoreOptions } from '../../chat/lines.ts';
import type { AdaptiveCard, TeamsMessage, Verb } from '../verbs.ts';
import { clip, plain } from './markdown.ts';

export { bold, bot, cmd, phrase, plain, quoted, safe, short, when, who, type Names, type RenderOptions } from './markdown.ts';

/**
 * Adaptive Card building blocks. Every renderer ends in `finish`, so a long list or a huge
 * diagnostic shortens the card instead of making Teams refuse the message (~28 KB).
 */
export type Element = Record<string, unknown> & { type: string };
export type Action = Record<string, unknown> & { type: 'Action.Execute' | 'Action.OpenUrl' };

export const LIMITS = {
  /** Serialized card, in bytes; Teams refuses activities over ~28 KB, the rest is envelope. */
  cardBytes: 24_000,
  /** One TextBlock: enough for a diagnostic, small enough that one element cannot fill the card. */
  textChars: 4_000,
  summaryChars: 300,
} as const;

type Color = 'good' | 'warning' | 'attention' | 'accent' | 'default';
type Spacing = 'none' | 'small' | 'default' | 'medium' | 'large';

export interface TextOptions {
  weight?: 'bolder' | 'lighter' | 'default';
  size?: 'small' | 'default' | 'medium' | 'large';
  color?: Color;
  isSubtle?: boolean;
  wrap?: boolean;
  spacing?: Spacing;
  fontType?: 'monospace' | 'default';
}

const utf8 = new TextEncoder();
export const bytes = (value: unknown) => utf8.encode(JSON.stringify(value)).length;

export function card(body: Element[], actions?: Action[]): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions && actions.length > 0 && { actions }),
    msteams: { width: 'Full' },
  };
}

/** A TextBlock of Markdown (already made safe); wraps unless told not to, since cut-off text hides the point. */
export function text(markdown: string, opts: TextOptions = {}): Element {
  const { wrap = true, ...rest } = opts;
  return { type: 'TextBlock', text: clip(markdown, LIMITS.textChars), wrap, ...rest };
}

/** A small, subtle line: who, when, hints. */
export function note(markdown: string): Element {
  return text(markdown, { isSubtle: true, size: 'small' });
}

export function heading(markdown: string, color?: Color): Element {
  return text(markdown, { weight: 'bolder', size: 'medium', ...(color && { color }) });
}

/** Label/value pairs. Dates go in TextBlocks instead: DATE()/TIME() are a TextBlock feature. */
export function factSet(facts: [title: string, value: string][]): Element {
  return { type: 'FactSet', facts: facts.map(([title, value]) => ({ title, value: clip(value, LIMITS.textChars) })) };
}

export function container(items: Element[], style?: 'good' | 'warning' | 'attention' | 'emphasis'): Element {
  return { type: 'Container', items, ...(style && { style }) };
}

/** One line per item, tight together: the unit `finish` shortens when a card is too big. */
export function lines(items: string[], style?: 'good' | 'warning' | 'attention' | 'emphasis'): Element {
  return container(items.map((line, i) => text(line, i === 0 ? {} : { spacing: 'none' })), style);
}

export function execute(spec: { title: string; verb: Verb; value: string; style?: 'positive' | 'destructive' }): Action {
  return { type: 'Action.Execute', title: spec.title, verb: spec.verb, data: { value: spec.value }, ...(spec.style && { style: spec.style }) };
}

export type { MoreOptions };

/** At most `max` rendered items, the rest summed up in a last line; each line becomes a TextBlock, and its JSON counts against the card. */
export function listWithMore<T>(items: readonly T[], max: number, render: (item: T, index: number) => string, opts: MoreOptions = {}): string[] {
  return moreList(items, max, render, (line) => bytes(text(line, { spacing: 'none' })) + 1, opts);
}

/** A card with its summary; every renderer returns through here. */
export function message(summaryMarkdown: string, body: Element[], actions?: Action[]): TeamsMessage {
  return finish({ summary: plain(summaryMarkdown), card: card(body, actions) });
}

const notice = (n: number) => text(`…and ${n} more not shown: too long for one Teams message.`, { isSubtle: true, spacing: 'none' });

/** The body and its Containers, nested ones too, longest first: the lists to shorten. */
function lists(elements: Element[], out: Element[][] = []): Element[][] {
  for (const e of elements) {
    if (e.type === 'Container' && Array.isArray(e.items)) {
      out.push(e.items as Element[]);
      lists(e.items as Element[], out);
    }
  }
  return out.sort((a, b) => b.length - a.length);
}

/**
 * Keeps the serialized card under LIMITS.cardBytes: drops elements from the end of the longest
 * list (a Container, or the body itself) and says how many; the actions always survive.
 */
export function finish(msg: TeamsMessage): TeamsMessage {
  const summary = Array.from(msg.summary).slice(0, LIMITS.summaryChars).join('') || 'dirsync';
  const out: AdaptiveCard = structuredClone(msg.card);
  const body = (out.body ?? []) as Element[];
  const dropped = new Map<Element[], number>();
  while (bytes(out) >= LIMITS.cardBytes) {
    const list = lists(body, [body]).find((items) => items.length > 2);
    if (!list) break; // the per-text clip bounds what remains
    const had = dropped.get(list) ?? 0;
    if (had > 0) list.pop(); // the previous notice, replaced below
    let over = bytes(out) - LIMITS.cardBytes + bytes(notice(999_999));
    let n = had;
    while (over > 0 && list.length > 1) {
      over -= bytes(list.pop()) + 1;
      n++;
    }
    dropped.set(list, n);
    list.push(notice(n));
    if (n === had) break;
  }
  return { summary, card: out };
}
