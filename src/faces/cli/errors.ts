import type { ErrorCode, FieldIssue } from '../../core/errors.ts';
import { entriesFor } from '../../commands/registry.ts';
import { optionName, optionsOf } from './options.ts';

/** Exit codes: 0 success, 1 the command ran and reports a failure, 2 bad input or usage. */
export function exitCode(code: ErrorCode): 1 | 2 {
  switch (code) {
    case 'validation':
    case 'not_found':
    case 'conflict':
    case 'forbidden':
      return 2;
    case 'failed_precondition':
    case 'rate_limited':
    case 'unavailable':
    case 'internal':
      return 1;
  }
}

/** How the CLI names each input field: `<name>` for an argument, `--bind-dn` for an option (from the registry). */
function flagNames(): Map<string, string> {
  const names = new Map<string, string>();
  for (const entry of entriesFor('cli')) {
    for (const a of entry.args) if (!names.has(a.key)) names.set(a.key, a.rest ? `--${a.key}` : `<${a.name}>`);
    for (const o of optionsOf(entry)) if (!names.has(o.key)) names.set(o.key, optionName(o));
  }
  return names;
}
let FLAGS: Map<string, string> | undefined;

const ORDINAL = ['1st', '2nd', '3rd'];

/** The option a user typed for a command field, e.g. `baseDns.1` → `--base-dn (2nd)`. */
export function flagFor(field: string): string {
  const [head, sub] = field.split('.');
  if (head === 'attributes') return `--attr ${sub ?? 'KEY'}=…`;
  FLAGS ??= flagNames();
  const flag = FLAGS.get(head!) ?? field;
  if (sub !== undefined && /^\d+$/.test(sub)) return `${flag} (${ORDINAL[Number(sub)] ?? `${Number(sub) + 1}th`})`;
  return flag;
}

export function issueLines(issues: FieldIssue[]): string[] {
  return issues.map((i) => `${flagFor(i.field)}: ${i.message}`);
}
