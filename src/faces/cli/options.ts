import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Placeholder } from '../../core/command-grammar.ts';
import type { Option } from '../../commands/face-spec.ts';
import type { Entry } from '../../commands/registry.ts';
import { UsageError, type CliIo } from './io.ts';
import { flagError } from './args.ts';
import { parseAttrFlags, readPassword, readTextFile } from './read-inputs.ts';

type ParseOptions = NonNullable<ParseArgsConfig['options']>;

/** The CLI's options for an entry: its own, `--<key> TEXT` for a free-text argument, and --json / --help. */
export function optionsOf(entry: Entry): Option[] {
  const restOptions = entry.args
    .filter((a) => a.rest)
    .map((a): Option => ({ key: a.key, name: a.key, kind: 'text', value: 'TEXT', help: capitalise(a.what) }));
  return [...(entry.spec.options ?? []), ...restOptions];
}

/** Secret flags declared only to be refused: never offered as a suggestion. */
const REFUSED_SECRET_FLAG = /^(?:bind-)?password$/;

/** What parseArgs accepts for these options; secrets only as `--X-env VAR` / `--X-stdin`. */
function parseConfig(options: Option[]): ParseOptions {
  const config: ParseOptions = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } };
  for (const o of options) {
    if (o.kind === 'secret') {
      config[`${o.name}-env`] = { type: 'string' };
      config[`${o.name}-stdin`] = { type: 'boolean' };
      // Declared only to refuse them with an explanation (readPassword).
      config[o.name] = { type: 'string' };
      config[`bind-${o.name}`] = { type: 'string' };
    } else {
      config[o.name] = { type: o.kind === 'flag' ? 'boolean' : 'string', ...((o.kind === 'texts' || o.kind === 'pairs') && { multiple: true }) };
    }
  }
  return config;
}

export interface ParsedCli {
  help: boolean;
  values: Record<string, unknown>;
}

/**
 * argv after the command's words → the command's input values: positionals by the entry's
 * arguments, options by their kind. Usage mistakes are UsageErrors (exit 2) naming the option.
 */
export async function readCommandLine(entry: Entry, argv: string[], io: CliIo, usage: string): Promise<ParsedCli> {
  const options = optionsOf(entry);
  const config = parseConfig(options);
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: config, allowPositionals: true, strict: true });
  } catch (e) {
    throw flagError(e, Object.keys(config).filter((name) => !REFUSED_SECRET_FLAG.test(name)), usage);
  }
  const flags = parsed.values as Record<string, string | string[] | boolean | undefined>;
  if (flags.help) return { help: true, values: {} };
  const values: Record<string, unknown> = { ...positionalValues(entry.args.filter((a) => !a.rest), parsed.positionals, usage) };
  for (const o of options) {
    const value = await optionValue(o, flags, io, values);
    if (value !== undefined) values[o.key] = value;
  }
  const needed = (o: Option) => o.required || (o.requiredUnless && !o.requiredUnless.values.includes(String(values[o.requiredUnless.key])));
  const missing = options.filter((o) => needed(o) && values[o.key] === undefined).map(optionName);
  if (missing.length > 0) throw new UsageError(`missing ${missing.join(', ')}`, usage);
  return { help: false, values };
}

function positionalValues(args: Placeholder[], given: string[], usage: string): Record<string, string> {
  const required = args.filter((a) => !a.optional);
  if (given.length < required.length) throw new UsageError(`missing ${required.slice(given.length).map((a) => `<${a.name}>`).join(' ')}`, usage);
  if (given.length > args.length) throw new UsageError(`unexpected argument "${given[args.length]}"`, usage);
  const values: Record<string, string> = {};
  args.forEach((a, i) => {
    const value = given[i];
    if (value === undefined) return;
    if (a.oneOf && !a.oneOf.includes(value.toLowerCase())) throw new UsageError(`<${a.name}> is one of ${a.oneOf.join(', ')}; got "${value}"`, usage);
    values[a.key] = a.oneOf ? value.toLowerCase() : value;
  });
  return values;
}

async function optionValue(o: Option, flags: Record<string, string | string[] | boolean | undefined>, io: CliIo, given: Record<string, unknown>): Promise<unknown> {
  const raw = flags[o.name];
  const flag = `--${o.name}`;
  switch (o.kind) {
    case 'secret': {
      const values = { 'password-env': flags[`${o.name}-env`] as string | undefined, 'password-stdin': flags[`${o.name}-stdin`] as boolean | undefined, password: flags[o.name] as string | undefined, 'bind-password': flags[`bind-${o.name}`] as string | undefined };
      // `Password for {login}`: the prompt may name what was given before it.
      const prompt = `${(o.prompt ?? 'Password').replace(/\{(\w+)\}/g, (_, key: string) => String(given[key] ?? ''))}: `;
      if (!o.stdinByDefault) return readPassword(values, io, prompt);
      // Read from standard input unless a variable is named; typed twice on a terminal, since it is not echoed.
      const fromStdin = values['password-env'] === undefined;
      const secret = (await readPassword({ ...values, 'password-stdin': fromStdin || values['password-stdin'] }, io, prompt)) ?? '';
      if (fromStdin && io.stdinIsTty && io.promptHidden && (await io.promptHidden('Again: ')) !== secret) {
        throw new UsageError('the two passwords differ; nothing was changed');
      }
      return secret;
    }
    case 'flag':
      return raw === true ? true : undefined;
    case 'texts':
      return Array.isArray(raw) && raw.length > 0 ? raw : undefined;
    case 'pairs':
      return parseAttrFlags(raw as string[] | undefined);
    case 'file':
      return readTextFile(raw as string | undefined, flag);
    case 'integer':
      return integer(raw as string | undefined, flag);
    case 'seconds':
      return seconds(raw as string | undefined, flag);
    case 'yes-no':
      return yesNo(raw as string | undefined, flag);
    case 'text':
      return raw as string | undefined;
  }
}

/** How help and errors name an option: `--bind-dn`, or both ways of giving a secret. */
export function optionName(o: Option): string {
  if (o.kind !== 'secret') return `--${o.name}`;
  return o.stdinByDefault ? `${o.name} (standard input or --${o.name}-env)` : `--${o.name}-env or --${o.name}-stdin`;
}

function integer(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value.trim())) throw new UsageError(`${flag} must be a whole number, got "${value}"`);
  return Number(value);
}

/** "5" or "2.5" seconds → milliseconds. */
function seconds(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+(\.\d+)?$/.test(value.trim())) throw new UsageError(`${flag} takes seconds, e.g. ${flag} 5 or ${flag} 2.5; got "${value}"`);
  return Math.round(Number(value) * 1000);
}

function yesNo(value: string | undefined, flag: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (/^(yes|true|on)$/i.test(value)) return true;
  if (/^(no|false|off)$/i.test(value)) return false;
  throw new UsageError(`${flag} takes yes or no; got "${value}"`);
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
