import { readFile } from 'node:fs/promises';
import { UsageError, type CliIo } from './io.ts';

const REFUSED_PASSWORD_FLAG =
  'passwords are not accepted as arguments: they show in the process list and shell history. ' +
  'Use --password-env VAR (the variable holding it) or --password-stdin.';

/** A password (bind or dashboard) from --password-env or --password-stdin; never from an argument. */
export async function readPassword(
  values: { 'password-env'?: string; 'password-stdin'?: boolean; password?: string; 'bind-password'?: string },
  io: CliIo,
  prompt = 'Bind password: ',
): Promise<string | undefined> {
  if (values.password !== undefined || values['bind-password'] !== undefined) throw new UsageError(REFUSED_PASSWORD_FLAG);
  const fromEnv = values['password-env'];
  if (fromEnv !== undefined && values['password-stdin']) throw new UsageError('give either --password-env or --password-stdin, not both');
  if (fromEnv !== undefined) {
    const value = io.env[fromEnv];
    if (value === undefined) throw new UsageError(`--password-env: environment variable ${fromEnv} is not set`);
    return value;
  }
  if (!values['password-stdin']) return undefined;
  if (io.stdinIsTty && io.promptHidden) return io.promptHidden(prompt);
  // One trailing newline is the file's or echo's, not the password's.
  return (await io.readStdin()).replace(/\r?\n$/, '');
}

export async function readTextFile(path: string | undefined, flag: string): Promise<string | undefined> {
  if (path === undefined) return undefined;
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (e as Error).message;
    throw new UsageError(`${flag}: cannot read ${path}: ${why}`);
  }
}

/** `--attr mail=userPrincipalName` pairs → { mail: 'userPrincipalName' }. */
export function parseAttrFlags(pairs: string[] | undefined): Record<string, string> | undefined {
  if (!pairs || pairs.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--attr "${pair}" must be KEY=ATTRIBUTE, e.g. --attr mail=userPrincipalName`);
    out[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return out;
}
