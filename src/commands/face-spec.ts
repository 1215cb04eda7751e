import type { Placeholder } from '../core/command-grammar.ts';
import type { Message } from '../presenters/message.ts';

/**
 * What the faces need to offer a command: its words, its arguments, its options, where it is
 * offered. Faces read it through the registry (src/commands/registry.ts) and derive everything
 * from it — CLI dispatch and help, the chat grammar and help, Slack's and Teams' command lists,
 * the dashboard's role checks (docs/architecture.md#how-to-add-a-command).
 */
export type Face = 'cli' | 'chat' | 'dashboard';

/** How an option's text becomes input on the CLI (chat takes only words). */
export type OptionKind =
  /** `--reason TEXT` */
  | 'text'
  /** `--url URL`, repeatable: a list */
  | 'texts'
  | 'integer'
  /** `--connect-timeout 2.5` seconds → milliseconds */
  | 'seconds'
  /** yes / no */
  | 'yes-no'
  /** present or not */
  | 'flag'
  /** `--attr mail=userPrincipalName`, repeatable: an object */
  | 'pairs'
  /** never an argument: `--X-env VAR` or `--X-stdin` (a hidden prompt on a terminal) */
  | 'secret'
  /** `--ca-file PATH`: the file's text */
  | 'file';

export interface Option {
  /** The input field it fills. */
  key: string;
  /** Without the dashes: `bind-dn`; for a secret, the stem of `--password-env` / `--password-stdin`. */
  name: string;
  kind: OptionKind;
  /** What the value looks like in help: `DN`, `SECONDS`, `VAR`. */
  value?: string;
  help: string;
  /** The command cannot run without it (checked before anything else, as a usage error). */
  required?: boolean;
  /** Required too, unless the option `key` was given one of `values` (`--url` is not for the API kinds). */
  requiredUnless?: { key: string; values: readonly string[] };
  /** A secret read from standard input unless `--X-env` names a variable, asked twice on a terminal. */
  stdinByDefault?: boolean;
  /** The prompt for a secret read on a terminal. */
  prompt?: string;
}

export interface FaceSpec<I = unknown, R = unknown> {
  /** The literal words: `sync`, `sync all`, `roles grant`, `integrations add`. */
  words: string;
  /** Other words for the same command on the CLI: `integrations enable` beside `enable`. */
  aliases?: readonly string[];
  args?: readonly Placeholder[];
  /** CLI options; an argument with `rest` may also be given as `--<key>` there. */
  options?: readonly Option[];
  /** Input the words imply: `sync all` → { all: true }. */
  fixed?: Partial<I>;
  summary: string;
  /** More help, for `dirsync <words> --help`. */
  details?: string;
  faces: readonly Face[];
  /** It removes or holds back something (a delete request, a disable): said in help and to the access test. */
  destructive?: boolean;
  /** Chat: the reply is posted for the channel to see (who changed what); reads stay private. */
  inChannel?: boolean;
  /** Teams shows 10 commands in its menu: the most used, by this rank (1 first). */
  menu?: number;
  /** Dashboard: shown in the header of every page (its presenter's summary), not on a page of its own. */
  header?: boolean;
  /**
   * What it says when it is done, in neutral words (src/presenters): chat serializes it for
   * Slack and Teams, the CLI and the dashboard show it where they have no view of their own.
   * Every command offered in chat has one.
   */
  present?: (result: R, input: I) => Message;
  /** Runs the reply is about: chat edits its progress message in place until they finish. */
  follow?: (result: R) => readonly number[];
}
