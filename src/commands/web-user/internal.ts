import { z } from 'zod';
import { normalizeLogin, passwordProblem, PASSWORD_MAX_LENGTH, webIdentity } from '../../core/web-auth.ts';

/** A dashboard login: the id of `web:<login>`, lower-cased so `Alice` and `alice` are one person. */
export const Login = z
  .string()
  .transform((v, ctx) => {
    const login = normalizeLogin(v);
    if (login === null) ctx.addIssue({ code: 'custom', message: 'a login is 1–128 letters, digits, dots, dashes, underscores or @ (e.g. alice or alice@example.com)' });
    return login ?? v;
  });

/** A password someone types to sign in: only bounded, so a huge one cannot make scrypt work for nothing. */
export const TypedPassword = z.string().min(1, 'type the password').max(PASSWORD_MAX_LENGTH, `at most ${PASSWORD_MAX_LENGTH} characters`);

/** A login with a new password that meets the policy (see passwordProblem). */
export function withNewPassword<T extends z.ZodRawShape>(shape: T) {
  return z.object({ login: Login, password: z.string(), ...shape }).superRefine((v, ctx) => {
    const { login, password } = v as { login: string; password: string };
    const problem = passwordProblem(password, login);
    if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
  });
}

/** Failures of sign-in and setup are audited as the person trying, when the login is readable. */
export function loginActor(input: unknown): string | null {
  const login = typeof input === 'object' && input !== null && 'login' in input && typeof input.login === 'string' ? normalizeLogin(input.login) : null;
  return login ? webIdentity(login) : null;
}

/** What `users add` and `users passwd` help says about passwords and roles. */
export const USERS_DETAILS = [
  'Dashboard users sign in with <login> and a password (at least 12 characters), read from standard',
  'input (prompted twice, hidden, on a terminal) or from the environment variable named by',
  "--password-env; never from an argument. A user's role is the role of web:<login> (change it with",
  'dirsync roles grant web:<login> <role>). remove also ends their sessions and removes that role;',
  'passwd signs them out everywhere. Example:',
  '  printf \'%s\' "$NEW_PASSWORD" | dirsync users add alice --role admin',
].join('\n');
