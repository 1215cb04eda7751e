import { expect } from 'vitest';
import { BUTTONS } from '../../src/presenters/buttons.ts';
import type { TeamsMessage } from '../../src/faces/teams/adaptive-card.ts';

/**
 * Walks a rendered Teams message and asserts what Teams needs (a 1.5 Adaptive Card under the
 * size limit, only buttons the invoke handler knows) and what we promise (every TextBlock wraps,
 * no Slack markup, user text escaped). Every test passes every message it renders through this.
 */
type Obj = Record<string, unknown>;

const MAX_BYTES = 24_000;
const ELEMENT_TYPES = new Set(['TextBlock', 'FactSet', 'Container', 'ColumnSet', 'Column', 'ActionSet']);
const KNOWN_VERBS = new Set<string>(Object.values(BUTTONS).map((b) => b.teams));
const MACRO = /^\{\{(DATE\(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ, SHORT\)|TIME\(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\))\}\}/;

/** Markdown with escapes removed: what is left is markup we emitted on purpose. */
const unescaped = (text: string) => text.replace(/\\./gs, '');

function expectMarkdown(text: string, where: string): void {
  const bare = unescaped(text);
  expect(bare, `${where}: Slack markup or raw "<" / ">" in ${JSON.stringify(text.slice(0, 200))}`).not.toMatch(/[<>]/);
  expect(text, `${where}: HTML entity`).not.toContain('&lt;');
  expect((bare.split('**').length - 1) % 2, `${where}: unbalanced ** in ${JSON.stringify(text.slice(0, 200))}`).toBe(0);
  for (let i = bare.indexOf('{{'); i >= 0; i = bare.indexOf('{{', i + 2)) {
    expect(bare.slice(i), `${where}: {{ that is not a DATE/TIME function`).toMatch(MACRO);
  }
}

function expectAction(a: Obj, where: string): void {
  expect(typeof a.title === 'string' && a.title.length > 0, `${where}: action title`).toBe(true);
  if (a.type === 'Action.Execute') {
    expect(KNOWN_VERBS.has(a.verb as string), `${where}: verb ${String(a.verb)}`).toBe(true);
    expect(typeof (a.data as Obj | undefined)?.value, `${where}: data.value`).toBe('string');
    if (a.style !== undefined) expect(['positive', 'destructive']).toContain(a.style);
  } else if (a.type === 'Action.OpenUrl') {
    expect(a.url as string, where).toMatch(/^https:\/\//);
  } else {
    throw new Error(`${where}: unexpected action type ${String(a.type)}`);
  }
}

function expectElement(e: Obj, where: string): void {
  expect(ELEMENT_TYPES.has(e.type as string), `${where}: unexpected element type ${String(e.type)}`).toBe(true);
  switch (e.type) {
    case 'TextBlock':
      expect(e.wrap, `${where}: TextBlock without wrap: true`).toBe(true);
      expect(typeof e.text === 'string' && e.text.length > 0, `${where}: empty TextBlock`).toBe(true);
      expectMarkdown(e.text as string, where);
      break;
    case 'FactSet': {
      const facts = e.facts as Obj[];
      expect(facts.length, where).toBeGreaterThan(0);
      for (const f of facts) {
        expect(typeof f.title).toBe('string');
        expect(typeof f.value).toBe('string');
        // DATE()/TIME() are a TextBlock feature: in a fact they would show raw.
        expect(f.value as string, `${where}: date function in a fact`).not.toContain('{{');
        expectMarkdown(f.value as string, where);
      }
      break;
    }
    case 'Container':
    case 'Column':
      (e.items as Obj[]).forEach((x, i) => expectElement(x, `${where}.${i}`));
      break;
    case 'ColumnSet':
      (e.columns as Obj[]).forEach((c, i) => {
        expect(c.type).toBe('Column');
        expectElement(c, `${where}.col${i}`);
      });
      break;
    case 'ActionSet':
      (e.actions as Obj[]).forEach((a, i) => expectAction(a, `${where}.action${i}`));
      break;
  }
}

export function withinLimits<M extends TeamsMessage | null>(message: M): M {
  if (message === null) return message;
  expect(message.summary.length).toBeGreaterThan(0);
  expect(message.summary.length).toBeLessThanOrEqual(300);
  // Plain text: user text shows as typed there, but no Slack markup and no unrendered date function.
  expect(message.summary, 'summary is plain text').not.toMatch(/<@|<!date|<#|&lt;|\{\{(DATE|TIME)\(/);
  const card = message.card as Obj;
  expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', msteams: { width: 'Full' } });
  const body = card.body as Obj[];
  expect(body.length).toBeGreaterThan(0);
  body.forEach((e, i) => expectElement(e, `body.${i}`));
  if (card.actions !== undefined) {
    expect((card.actions as Obj[]).length).toBeGreaterThan(0);
    (card.actions as Obj[]).forEach((a, i) => expectAction(a, `actions.${i}`));
  }
  const json = JSON.stringify(card);
  expect(new TextEncoder().encode(json).length).toBeLessThan(MAX_BYTES);
  // A backslash-escaped "<" (JSON: \\<) is user text made safe; anything else would be markup.
  const ours = json.replace(/\\\\[<>]/g, '');
  for (const slack of ['<@', '<!date', '<#', '&lt;']) expect(ours, `Slack markup ${slack}`).not.toContain(slack);
  return message;
}

/** The texts of TextBlocks (and fact values), in order. */
export function textBlocks(message: TeamsMessage): string[] {
  const out: string[] = [];
  const visit = (e: Obj): void => {
    if (e.type === 'TextBlock') out.push(e.text as string);
    if (e.type === 'FactSet') for (const f of e.facts as Obj[]) out.push(`${f.title as string}: ${f.value as string}`);
    for (const x of [...((e.items as Obj[] | undefined) ?? []), ...((e.columns as Obj[] | undefined) ?? [])]) visit(x);
  };
  ((message.card as Obj).body as Obj[]).forEach(visit);
  return out;
}

/** Every text of the card, joined, for `toContain` checks (Markdown as sent, escapes included). */
export function allText(message: TeamsMessage): string {
  return textBlocks(message).join('\n');
}

/** Markdown as a reader sees it: escapes undone, bold marks dropped, each date/time pair as ⌚. */
export function shown(markdown: string): string {
  return markdown.replace(/\{\{DATE\([^}]*\}\} \{\{TIME\([^}]*\}\}/g, '⌚').replace(/(?<!\\)\*\*/g, '').replace(/\\(.)/gs, '$1');
}

/** Every text of the card as a reader sees it. */
export function readable(message: TeamsMessage): string {
  return shown(allText(message));
}

export function actions(message: TeamsMessage): { type: string; title: string; verb: string; data: { value: string }; style?: string }[] {
  return ((message.card as Obj).actions as never[] | undefined) ?? [];
}
