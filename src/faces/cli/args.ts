import { parseArgs, type ParseArgsConfig } from 'node:util';
import { didYouMean } from '../../core/suggest.ts';
import { UsageError } from './io.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** util.parseArgs, with its errors turned into usage errors that name the sub-command. */
export function parseFlags<O extends Options>(argv: string[], options: O, usage: string) {
  const all = { ...options, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } satisfies Options;
  try {
    return parseArgs({ args: argv, options: all, allowPositionals: true, strict: true });
  } catch (e) {
    throw flagError(e, Object.keys(all), usage);
  }
}

/** parseArgs' complaint as a usage error; an unknown flag gets the closest known ones ("--jsno" → "--json"). */
export function flagError(e: unknown, known: string[], usage: string): UsageError {
  const message = (e as Error).message.replace(/\. To specify a positional argument.*$/s, '');
  const unknown = /^Unknown option '--([^']+)'/.exec(message)?.[1];
  // --actor is every command's, taken out before a command's flags are read.
  const hint = unknown ? didYouMean(unknown, [...known, 'actor'], (n) => `--${n}`) : '';
  return new UsageError(hint ? `${message}.${hint}` : message, usage);
}

/** Exactly `count` positionals, named for the error message. */
export function positionals(values: string[], names: string[], usage: string): string[] {
  if (values.length < names.length) throw new UsageError(`missing ${names.slice(values.length).map((n) => `<${n}>`).join(' ')}`, usage);
  if (values.length > names.length) throw new UsageError(`unexpected argument "${values[names.length]}"`, usage);
  return values;
}
