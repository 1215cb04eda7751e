import { closestNames } from './suggest.ts';

/**
 * The words people type: `/dirsync …` in Slack, a message to the bot in Teams, the positional
 * part of `dirsync …` on the CLI. The command registry (src/commands/registry.ts) describes each
 * command's words once; this parses a line against all of them, so every face accepts exactly
 * the same sentences (docs/architecture.md#how-a-chat-command-flows). Parsing never fails:
 * anything it cannot read becomes help with the problem stated, which is what a person typing
 * needs.
 */

/** One argument a person types. */
export interface Placeholder {
  /** The input field it fills. */
  key: string;
  /** Shown in usage: `<name>`. */
  name: string;
  /** Said when it is missing: "an integration name". */
  what: string;
  /** Used in examples: `corp-ad`. */
  example: string;
  optional?: boolean;
  /** Takes the rest of the line (a reason, a note). */
  rest?: boolean;
  /** A person: a platform mention is turned into an identity. */
  identity?: boolean;
  /** The only values allowed (matched without regard to case, given in lower case). */
  oneOf?: readonly string[];
}

/** A command's sentence: literal words, then its arguments. */
export interface Usage {
  /** The command it stands for. */
  id: string;
  words: readonly string[];
  args: readonly Placeholder[];
}

export type ParsedLine =
  | { kind: 'help'; problem?: string }
  | { kind: 'command'; id: string; values: Record<string, string> };

export interface GrammarOptions {
  /** Turns a platform mention (Slack `<@U123|bob>`) into an identity (`slack:U123`); null if it is not one. */
  mention?: (token: string) => string | null;
}

/** `disable <name> [reason]`, `pending [<name>]`, `roles grant <who> <viewer|operator|admin>`. */
export function usageText(u: Pick<Usage, 'words' | 'args'>): string {
  const arg = (a: Placeholder) => {
    const shown = a.oneOf ? a.oneOf.join('|') : a.name;
    // One literal word (`dry-run`) is typed as it is: no placeholder brackets around it.
    if (a.oneOf?.length === 1) return a.optional ? `[${shown}]` : shown;
    if (a.rest) return a.optional ? `[${shown}]` : `<${shown}>`;
    return a.optional ? `[<${shown}>]` : `<${shown}>`;
  };
  return [...u.words, ...u.args.map(arg)].join(' ');
}

/** The usage with every argument filled with its example: `test corp-ad`. */
export function exampleText(u: Pick<Usage, 'words' | 'args'>): string {
  return [...u.words, ...u.args.filter((a) => !a.optional).map((a) => a.example)].join(' ');
}

const code = (text: string) => `\`${text}\``;

/**
 * Reads a line against the usages. The longest run of literal words wins (`sync all` before
 * `sync <name>`); a first word nobody uses gets the closest ones as a hint.
 */
export function parseCommandLine(text: string, usages: readonly Usage[], opts: GrammarOptions = {}): ParsedLine {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const [first] = words;
  if (!first) return { kind: 'help' };
  const verb = first.toLowerCase();
  if (verb === 'help' || verb === '?') return { kind: 'help' };
  const family = usages.filter((u) => u.words[0] === verb);
  if (family.length === 0) {
    const verbs = [...new Set(['help', ...usages.map((u) => u.words[0]!)])];
    const close = closestNames(verb, verbs, 2);
    const hint = close.length > 0 ? ` Did you mean ${close.map(code).join(' or ')}?` : '';
    return { kind: 'help', problem: `${code(first)} is not a dirsync command.${hint}` };
  }
  const lower = words.map((w) => w.toLowerCase());
  const matching = family
    .filter((u) => u.words.every((w, i) => lower[i] === w))
    .sort((a, b) => b.words.length - a.words.length);
  const usage = matching[0];
  // Words after the verb that no sub-form takes: name the forms there are.
  if (!usage) return { kind: 'help', problem: `the forms of ${code(verb)} are ${family.map((u) => code(usageText(u))).join(', ')}` };
  return fill(usage, words.slice(usage.words.length), family, opts);
}

function fill(usage: Usage, rest: string[], family: readonly Usage[], opts: GrammarOptions): ParsedLine {
  const values: Record<string, string> = {};
  const said = usage.words.join(' ');
  const form = code(usageText(usage));
  let at = 0;
  for (const arg of usage.args) {
    const word = arg.rest ? rest.slice(at).join(' ') : rest[at];
    if (!word) {
      if (arg.optional) continue;
      return { kind: 'help', problem: `${code(said)} needs ${arg.what}, e.g. ${code(exampleText(usage))}` };
    }
    at = arg.rest ? rest.length : at + 1;
    let value = arg.identity ? (opts.mention?.(word) ?? word) : word;
    if (arg.oneOf) {
      value = value.toLowerCase();
      if (!arg.oneOf.includes(value)) return { kind: 'help', problem: `${code(word)} is not ${arg.what}: the form is ${form}` };
    }
    values[arg.key] = value;
  }
  if (at < rest.length) {
    // A longer sibling may have been meant (`alerts everywhere` beside `alerts here`).
    const siblings = family.filter((u) => u.words.length > usage.words.length);
    const forms = siblings.length > 0 ? `the forms are ${[usage, ...siblings].map((u) => code(usageText(u))).join(', ')}` : `the form is ${form}`;
    return { kind: 'help', problem: `too many words after ${code(said)}: ${forms}` };
  }
  return { kind: 'command', id: usage.id, values };
}

/**
 * The most text each platform lets a person send. Slack truncates a message's text at 40,000
 * characters (it documents no other limit for a slash command's text); Teams refuses a post over
 * about 28 KB. Anything longer did not come from a person typing in that platform's client, so
 * faces answer it with help before parsing it, or flattening Teams markup, at all.
 */
export const CHAT_TEXT_LIMITS = { slack: 40_000, teams: 28 * 1024 } as const;

/** Help naming the limit when `text` is longer than `platform` lets anyone send; else null. */
export function chatTextTooLong(text: string, platform: keyof typeof CHAT_TEXT_LIMITS): ParsedLine | null {
  const limit = CHAT_TEXT_LIMITS[platform];
  if (text.length <= limit) return null;
  const name = platform === 'slack' ? 'Slack' : 'Teams';
  const [length, max] = [text.length, limit].map((n) => n.toLocaleString('en'));
  return { kind: 'help', problem: `this message is ${length} characters long, more than ${name} lets anyone send (${max}), so dirsync did not read it. Commands are a few words, e.g. \`sync corp-ad\`.` };
}
