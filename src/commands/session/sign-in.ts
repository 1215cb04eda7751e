import { z } from 'zod';
import { CommandError } from '../../core/errors.ts';
import { FAILURE_WINDOW_MS, MAX_FAILURES_PER_CLIENT, MAX_FAILURES_PER_LOGIN, retryMinutes, webIdentity, type PasswordHasher } from '../../core/web-auth.ts';
import type { CommandContext } from '../context.ts';
import { defineCommand } from '../define-command.ts';
import { openSession } from './internal.ts';
import { Login, loginActor, TypedPassword } from '../web-user/internal.ts';

const WRONG = 'Wrong login or password';

/**
 * The dashboard's sign-in, run as the anonymous web viewer. Unknown logins and wrong passwords
 * fail alike, in the same time; failures are throttled per login and per client address.
 */
export const signIn = defineCommand({
  name: 'session.sign_in',
  summary: 'Signing in',
  minRole: 'viewer',
  audited: true,
  auditActor: loginActor,
  input: z.object({ login: Login, password: TypedPassword, client: z.string().trim().min(1).max(200) }),
  async run({ ctx, input }) {
    const { accountId } = ctx;
    // The attempt counts as a failure before the hash is checked: parallel guesses see each other.
    const attempt = await ctx.store.loginFailures.record(accountId, input.login, input.client, ctx.now());
    await throttle(ctx, input.login, input.client, attempt);
    const user = await ctx.store.webUsers.get(accountId, input.login);
    // An unknown login still pays for one hash, so timing does not tell which logins exist.
    const ok = await ctx.passwords.verify(input.password, user?.passwordHash ?? (await dummyHash(ctx.passwords)));
    if (!user || !ok) {
      await ctx.store.loginFailures.prune(new Date(ctx.now().getTime() - FAILURE_WINDOW_MS));
      throw new CommandError('forbidden', WRONG);
    }
    return ctx.store.transaction(async (tx) => {
      const role = (await tx.roles.roleOf(accountId, webIdentity(input.login))) ?? 'viewer';
      return openSession(tx, ctx, input.login, role, 'session.sign_in');
    });
  },
});

/** Turns the attempt away (taking its row back, so waiting is enough) when either limit is reached. */
async function throttle(ctx: CommandContext, login: string, client: string, attempt: number): Promise<void> {
  const since = new Date(ctx.now().getTime() - FAILURE_WINDOW_MS);
  const byLogin = await ctx.store.loginFailures.countForLogin(ctx.accountId, login, since);
  // Without an address every visitor would share one bucket, and anyone could lock everyone out.
  const byClient = client === 'unknown' ? { count: 0, oldest: null } : await ctx.store.loginFailures.countForClient(ctx.accountId, client, since);
  // `>`: the count includes this attempt.
  const blocked = byLogin.count > MAX_FAILURES_PER_LOGIN ? { tally: byLogin, who: `for ${login}` }
    : byClient.count > MAX_FAILURES_PER_CLIENT ? { tally: byClient, who: 'from this address' } : null;
  if (!blocked) return;
  await ctx.store.loginFailures.remove(attempt);
  const minutes = retryMinutes(blocked.tally.oldest, ctx.now());
  throw new CommandError('rate_limited', `Too many failed sign-ins ${blocked.who}; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`);
}

const dummies = new WeakMap<PasswordHasher, Promise<string>>();

/**
 * A hash of a random password at the hasher's own cost, made once per hasher. Faces call it when
 * they start, so even the first sign-in with an unknown login costs what a known one does.
 */
export function dummyHash(hasher: PasswordHasher): Promise<string> {
  let hash = dummies.get(hasher);
  if (!hash) dummies.set(hasher, (hash = hasher.hash(crypto.randomUUID())));
  return hash;
}
