import type { Button } from './buttons.ts';
import { num } from './words.ts';

/**
 * What dirsync says in chat, before any platform has a say: a summary line, ordered parts and
 * buttons. Text is structured, never markup: plain strings plus marks (a name, a command, a
 * person, a time…), so that each serializer (Block Kit, Adaptive Cards) escapes and marks it up
 * its own way, and no user or directory text can ever pass for markup.
 */
export type Inline =
  | string
  | { mark: 'bold'; text: Rich }
  | { mark: 'italic'; text: string }
  /** Literal text to copy (a field name, a DN, a CLI command): a code span where there is one. */
  | { mark: 'code'; text: string }
  /** A dirsync chat command, e.g. "approve 12": `/dirsync approve 12` in Slack, @dirsync in Teams. */
  | { mark: 'command'; text: string }
  /** Text phrased for a person with `backtick` marks around commands (the grammar's problems). */
  | { mark: 'phrase'; text: string }
  /** An identity (`slack:U1`, `teams:…`, `cli:alice`): a mention or a display name. */
  | { mark: 'who'; identity: string }
  /** A time, shown in the reader's own time zone where the platform can. */
  | { mark: 'when'; time: string | Date }
  /** Someone's note, set apart. */
  | { mark: 'quote'; text: string }
  /** Where alerts go: `here` when it is the conversation the command was typed in. */
  | { mark: 'channel'; platform: string; channel: string; here: boolean }
  /** A new line within one list entry. */
  | { mark: 'br' };

export type Rich = readonly Inline[];

export type Mark = Exclude<Inline, string>;

/** What may go into a sentence: text, marks, sentences, numbers; nothing for false/null/undefined. */
export type Piece = string | number | Mark | Rich | false | null | undefined;

/** Pieces to one flat sentence, adjacent strings merged. */
export function flat(pieces: readonly Piece[]): Rich {
  const out: Inline[] = [];
  const push = (p: Piece): void => {
    if (p === false || p === null || p === undefined || p === '') return;
    if (Array.isArray(p)) return (p as Rich).forEach(push);
    const item = typeof p === 'number' ? String(p) : (p as Inline);
    const last = out.at(-1);
    if (typeof item === 'string' && typeof last === 'string') out[out.length - 1] = last + item;
    else out.push(item);
  };
  pieces.forEach(push);
  return out;
}

/** rich`Sync #${run} of ${bold(name)} queued`: interpolated strings stay plain text. */
export function rich(strings: TemplateStringsArray, ...values: Piece[]): Rich {
  return flat(strings.flatMap((s, i) => (i < values.length ? [s, values[i]] : [s])));
}

export function join(items: readonly Piece[], separator: Piece): Rich {
  return flat(items.flatMap((item, i) => (i === 0 ? [item] : [separator, item])));
}

export const bold = (...text: Piece[]): Mark => ({ mark: 'bold', text: flat(text) });
export const italic = (text: string): Mark => ({ mark: 'italic', text });
export const code = (text: string): Mark => ({ mark: 'code', text });
export const command = (text: string): Mark => ({ mark: 'command', text });
export const phrase = (text: string): Mark => ({ mark: 'phrase', text });
export const who = (identity: string): Mark => ({ mark: 'who', identity });
export const at = (time: string | Date): Mark => ({ mark: 'when', time });
export const quote = (text: string): Mark => ({ mark: 'quote', text });
export const br: Mark = { mark: 'br' };
export const channel = (platform: string, id: string, here = false): Mark => ({ mark: 'channel', platform, channel: id, here });

/** How a part reads: Teams colours it, Slack leaves it to the emoji the words already carry. */
export type Tone = 'good' | 'warning' | 'bad' | 'neutral';

export type Part =
  /** A title line; plain text in Slack's header block. */
  | { kind: 'heading'; text: Rich; tone?: Tone }
  /** One paragraph: lines that belong together. `strong`: the first thing to read. */
  | { kind: 'text'; lines: Rich[]; tone?: Tone; strong?: boolean }
  /**
   * One entry per line, at most `max` of them, then "…and N more" and the hint; shortened first
   * when a message is too long. `total`: how many entries the list stands for when `items` holds
   * only the first of them.
   */
  | { kind: 'list'; title?: Rich; items: Rich[]; max?: number; total?: number; hint?: Rich; tone?: Tone }
  | { kind: 'fields'; fields: { label: string; value: Rich }[] }
  /** Small print: who, when, hints. `only`: a hint that concerns one platform. */
  | { kind: 'note'; text: Rich; only?: 'slack' | 'teams' }
  /** Raw diagnostic text, shown as it is (preformatted). */
  | { kind: 'diagnostic'; text: string }
  /** A numbered checklist. */
  | { kind: 'steps'; title: string; items: string[] }
  /** Parts that stand together (a failure, one run among several). */
  | { kind: 'group'; parts: Part[]; tone?: Tone; separated?: boolean };

export interface Message {
  /** One line: notifications, the fallback text, screen readers. */
  summary: Rich;
  parts: Part[];
  buttons: Button[];
}

type Lines = Rich | Rich[];
const asLines = (lines: Lines): Rich[] => (lines.length > 0 && Array.isArray(lines[0]) ? (lines as Rich[]) : [lines as Rich]);

export const heading = (text: Rich, tone?: Tone): Part => ({ kind: 'heading', text, ...(tone && { tone }) });
export const text = (lines: Lines, opts: { tone?: Tone; strong?: boolean } = {}): Part => ({ kind: 'text', lines: asLines(lines), ...opts });
export const note = (text: Rich, only?: 'slack' | 'teams'): Part => ({ kind: 'note', text, ...(only && { only }) });
export const list = (items: Rich[], opts: { title?: Rich; max?: number; total?: number; hint?: Rich; tone?: Tone } = {}): Part => ({ kind: 'list', items, ...opts });
export const fields = (pairs: [label: string, value: Rich][]): Part => ({ kind: 'fields', fields: pairs.map(([label, value]) => ({ label, value })) });
export const group = (parts: Part[], opts: { tone?: Tone; separated?: boolean } = {}): Part => ({ kind: 'group', parts, ...opts });

export function message(summary: Rich, parts: Part[], buttons: Button[] = []): Message {
  return { summary, parts, buttons };
}

/** The last line of a shortened list. */
export function moreLine(rest: number, hint?: Rich): Rich {
  return rich`…and ${num(rest)} more${hint && rich` — ${hint}`}`;
}

/**
 * A list's lines as a face shows them: at most `max` entries, fewer once they outgrow `budget`
 * (each face measures a line its own way: characters, bytes of card), the rest summed up in a
 * last line so that nobody takes the list for whole. `render` turns an entry into the face's markup.
 */
export function shortened(part: Extract<Part, { kind: 'list' }>, render: (line: Rich) => string, size: (line: string) => number, budget = Infinity): string[] {
  const shown: string[] = [];
  let used = 0;
  for (const item of part.items.slice(0, part.max ?? Infinity)) {
    const line = render(item);
    const n = size(line);
    if (shown.length > 0 && used + n > budget) break;
    shown.push(line);
    used += n;
  }
  const rest = Math.max(part.items.length, part.total ?? 0) - shown.length;
  return rest > 0 ? [...shown, render(moreLine(rest, part.hint))] : shown;
}

/** The parts of a message with their groups opened up, in reading order. */
export function allParts(parts: readonly Part[]): Part[] {
  return parts.flatMap((p) => (p.kind === 'group' ? [p, ...allParts(p.parts)] : [p]));
}
