import type { CommandContext } from '../../commands/context.ts';
import type { DataDirMode } from '../../data-dir.ts';
import type { CliIo } from './io.ts';
import { json } from './render.ts';

/** What a CLI handler gets: its io, output mode, and a lazily opened command context. */
export interface CliSession {
  io: CliIo;
  json: boolean;
  /** `existing`: the command only reads, so a missing data folder is an error, not a new database. */
  context(dataDir?: DataDirMode): Promise<CommandContext>;
}

export type Handler = (args: string[], session: CliSession) => Promise<number>;

/** Prints JSON on --json, else the text rendering. */
export function print(session: CliSession, value: unknown, text: () => string): void {
  session.io.stdout(session.json ? json(value) : text());
}

/** Help on stdout when asked for (exit 0); on stderr when shown for a usage mistake. */
export function help(session: CliSession, text: string, code = 0): number {
  (code === 0 ? session.io.stdout : session.io.stderr)(text);
  return code;
}
