import type { Logger } from './ports.ts';

/**
 * The closed set of ways a command can fail. Every face maps these exhaustively
 * (CLI exit codes, HTTP statuses, chat wording); nothing else leaks to users.
 */
export const ERROR_CODES = [
  'validation',
  'not_found',
  'conflict',
  'forbidden',
  'failed_precondition',
  'unavailable',
  /** Too many attempts (failed sign-ins): wait, then try again. */
  'rate_limited',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem with one input field, phrased so the reader can fix it. */
export interface FieldIssue {
  field: string;
  message: string;
  /** A corrected value when we can compute one (e.g. an escaped DN). */
  fix?: string;
}

export class CommandError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[];

  constructor(code: ErrorCode, message: string, issues: FieldIssue[] = []) {
    super(message);
    this.name = 'CommandError';
    this.code = code;
    this.issues = issues;
  }
}

export const notFound = (what: string, name: string, hint?: string) =>
  new CommandError('not_found', `${what} "${name}" does not exist${hint ? `. ${hint}` : ''}`);

export const invalid = (issues: FieldIssue[]) =>
  new CommandError(
    'validation',
    issues.length === 1 ? `${issues[0]!.field}: ${issues[0]!.message}` : `${issues.length} invalid fields`,
    issues,
  );

/** dirsync's own database went away mid-command; `driverWords` as the store describes it. */
export const databaseLost = (driverWords: string) =>
  new CommandError('unavailable', `the database connection was lost (${driverWords}): check that dirsync's Postgres is running and reachable, then try again`);

export function isCommandError(e: unknown): e is CommandError {
  return e instanceof CommandError;
}

/** What it takes to tell a lost database from a bug: the store's reading of driver errors, and a log. */
export interface ErrorContext {
  store: { connectionLoss(e: unknown): string | null };
  log: Pick<Logger, 'warn' | 'error'>;
}

/**
 * Anything a command or a face threw, as one of the closed set, the same for every face. A
 * CommandError stays as it is; dirsync's own database gone away is `unavailable` (try again once
 * it is back); anything else is a bug in dirsync: `internal`, logged with its stack and never
 * shown as it is, since it may carry driver internals. `what` names what failed, for the log.
 */
export function toCommandError(e: unknown, ctx: ErrorContext, what: string): CommandError {
  if (isCommandError(e)) return e;
  const lost = ctx.store.connectionLoss(e);
  if (lost !== null) {
    ctx.log.warn(`${what} failed: the database connection was lost`, { err: e });
    return databaseLost(lost);
  }
  ctx.log.error(`${what} failed unexpectedly`, { err: e });
  return new CommandError('internal', `${what} failed unexpectedly; the error was logged`);
}
