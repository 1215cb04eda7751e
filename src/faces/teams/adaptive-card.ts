import { spec } from '../../presenters/buttons.ts';
import { allParts, shortened, type Message, type Part, type Tone } from '../../presenters/message.ts';
import { clip, markdown, plain, safe, type TeamsOptions } from './markdown.ts';

/** An Adaptive Card (schema 1.5) as a plain object. */
export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard'; version: '1.5' };

/** A message for Teams: the card, and a one-line summary (notifications, activity feed, screen readers). */
export interface TeamsMessage {
  summary: string;
  card: AdaptiveCard;
}

type Element = Record<string, unknown> & { type: string };

/** Teams' limits; `toTeams` is the one place that keeps to them. */
export const LIMITS = {
  /** Serialized card, in bytes; Teams refuses activities over ~28 KB, the rest is envelope. */
  cardBytes: 24_000,
  /** One TextBlock: enough for a diagnostic, small enough that one element cannot fill the card. */
  textChars: 4_000,
  summaryChars: 300,
  /** Bytes of card that the lists of one message share, so one huge list cannot crowd out the others. */
  listBytes: 18_000,
} as const;

const COLOR = { good: 'good', warning: 'warning', bad: 'attention', neutral: undefined } as const satisfies Record<Tone, string | undefined>;

const utf8 = new TextEncoder();
const bytes = (value: unknown) => utf8.encode(JSON.stringify(value)).length;

/** A TextBlock of Markdown (already made safe); it wraps, since cut-off text hides the point. */
function text(md: string, opts: Record<string, string | boolean | undefined> = {}): Element {
  const set = Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined));
  return { type: 'TextBlock', text: clip(md, LIMITS.textChars), wrap: true, ...set };
}

const container = (items: Element[], tone?: Tone | 'emphasis'): Element => {
  const style = tone === 'emphasis' ? tone : tone && COLOR[tone];
  return { type: 'Container', items, ...(style && { style }) };
};

/** One line per item, tight together: the unit `finish` shortens when a card is too big. */
const lines = (items: string[], tone?: Tone) => container(items.map((line, i) => text(line, i === 0 ? {} : { spacing: 'none' })), tone);

function elementsOf(part: Part, opts: TeamsOptions, listBudget: number): Element[] {
  const md = (r: Parameters<typeof markdown>[0]) => markdown(r, opts);
  switch (part.kind) {
    case 'heading':
      return [text(md(part.text), { weight: 'bolder', size: 'medium', color: part.tone && COLOR[part.tone] })];
    case 'text':
      return [text(part.lines.map(md).join('\n\n'), { color: part.tone && COLOR[part.tone], weight: part.strong ? 'bolder' : undefined })];
    case 'list': {
      const shown = shortened(part, md, (line) => bytes(text(line, { spacing: 'none' })) + 1, part.max === undefined ? Infinity : listBudget);
      const all = part.title ? [md(part.title), ...shown] : shown;
      return all.length > 0 ? [lines(all, part.tone)] : [];
    }
    case 'fields':
      // Dates stay out of facts: DATE()/TIME() are a TextBlock feature.
      return [{ type: 'FactSet', facts: part.fields.map((f) => ({ title: f.label, value: clip(md(f.value), LIMITS.textChars) })) }];
    case 'note':
      return part.only === 'slack' ? [] : [text(md(part.text), { isSubtle: true, size: 'small' })];
    case 'diagnostic':
      // Monospace: it is what someone pastes into a search or a ticket.
      return [container([text('Diagnostic:', { isSubtle: true }), text(safe(part.text), { fontType: 'monospace', size: 'small', spacing: 'none' })], 'emphasis')];
    case 'steps':
      // `1.` lines make a Markdown list in Teams.
      return [container([text(`**${safe(part.title)}**`), text(part.items.map((item, i) => `${i + 1}. ${safe(item)}`).join('\n'), { spacing: 'none' })])];
    case 'group':
      return [{ ...container(part.parts.flatMap((p) => elementsOf(p, opts, listBudget)), part.tone), ...(part.separated && { separator: true }) }];
  }
}

/** A neutral message as an Adaptive Card, within Teams' limits. */
export function toTeams(message: Message, opts: TeamsOptions = {}): TeamsMessage {
  const lists = allParts(message.parts).filter((p) => p.kind === 'list' && p.max !== undefined).length;
  const body = message.parts.flatMap((p) => elementsOf(p, opts, LIMITS.listBytes / Math.max(1, lists)));
  // Adaptive Cards have no confirmation dialog: the card says what such a button does before anyone presses it.
  const warnings = message.buttons.filter((b) => spec(b.id).confirm).map((b) => text(`**${safe(spec(b.id).label)}**: ${b.confirm ? markdown(b.confirm, opts) : 'asks for confirmation.'}`, { color: 'attention' }));
  const actions = message.buttons.map((b) => {
    const s = spec(b.id);
    const style = s.style === 'danger' ? 'destructive' : s.style === 'primary' ? 'positive' : undefined;
    return { type: 'Action.Execute', title: s.label, verb: s.teams, data: { value: b.value }, ...(style && { style }) };
  });
  const card: AdaptiveCard = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [...body, ...warnings],
    ...(actions.length > 0 && { actions }),
    msteams: { width: 'Full' },
  };
  const summary = Array.from(plain(markdown(message.summary, opts))).slice(0, LIMITS.summaryChars).join('') || 'dirsync';
  return { summary, card: finish(card, warnings.length) };
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
 * list (a Container, or the body itself) and says how many. The actions and the last `keep`
 * elements of the body (what the buttons do) always survive.
 */
export function finish(card: AdaptiveCard, keep = 0): AdaptiveCard {
  if (bytes(card) < LIMITS.cardBytes) return card;
  const all = structuredClone(card.body) as Element[];
  const body = all.slice(0, all.length - keep);
  const tail = all.slice(all.length - keep);
  const out = (): AdaptiveCard => ({ ...card, body: [...body, ...tail] });
  const dropped = new Map<Element[], number>();
  while (bytes(out()) >= LIMITS.cardBytes) {
    const list = lists(body, [body]).find((items) => items.length > 2);
    if (!list) break; // the per-text clip bounds what remains
    const had = dropped.get(list) ?? 0;
    if (had > 0) list.pop(); // the previous notice, replaced below
    let over = bytes(out()) - LIMITS.cardBytes + bytes(notice(999_999));
    let n = had;
    while (over > 0 && list.length > 1) {
      over -= bytes(list.pop()) + 1;
      n++;
    }
    dropped.set(list, n);
    list.push(notice(n));
    if (n === had) break;
  }
  return out();
}
