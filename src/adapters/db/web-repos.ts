import { and, count, eq, gt, lt, lte, min, or, type SQL } from 'drizzle-orm';
import { CommandError } from '../../core/errors.ts';
import type { LoginFailureRepo, SetupTokenRepo, WebSessionRepo, WebUserRepo } from '../../core/web-auth.ts';
import type { Db } from './client.ts';
import { sqlState } from './sql-state.ts';
import { advisoryLock } from './sql.ts';
import { webLoginFailures, webSessions, webSetupTokens, webUsers } from './web-schema.ts';

const userKey = (accountId: string, login: string) => and(eq(webUsers.accountId, accountId), eq(webUsers.login, login));

export function webUserRepo(db: Db): WebUserRepo {
  return {
    async get(accountId, login) {
      const [row] = await db.select().from(webUsers).where(userKey(accountId, login));
      return row ?? null;
    },
    list: (accountId) =>
      db.select({ accountId: webUsers.accountId, login: webUsers.login, createdAt: webUsers.createdAt, createdBy: webUsers.createdBy })
        .from(webUsers).where(eq(webUsers.accountId, accountId)).orderBy(webUsers.login),
    async count(accountId) {
      const [row] = await db.select({ n: count() }).from(webUsers).where(eq(webUsers.accountId, accountId));
      return Number(row?.n ?? 0);
    },
    async insert(user) {
      try {
        await db.insert(webUsers).values({ ...user, passwordChangedAt: user.createdAt });
      } catch (e) {
        // The primary key is the backstop for two concurrent adds of the same login.
        if (sqlState(e) === '23505') throw new CommandError('conflict', `dashboard user "${user.login}" already exists`);
        throw e;
      }
    },
    async setPassword(accountId, login, passwordHash, at) {
      const changed = await db.update(webUsers).set({ passwordHash, passwordChangedAt: at }).where(userKey(accountId, login)).returning({ login: webUsers.login });
      return changed.length > 0;
    },
    async remove(accountId, login) {
      return (await db.delete(webUsers).where(userKey(accountId, login)).returning({ login: webUsers.login })).length > 0;
    },
    async lock(accountId) {
      await advisoryLock(db, 'web_users', accountId);
    },
  };
}

export function webSessionRepo(db: Db): WebSessionRepo {
  const byHash = (tokenHash: string) => eq(webSessions.tokenHash, tokenHash);
  return {
    async insert(session) {
      await db.insert(webSessions).values(session);
    },
    async get(tokenHash) {
      const [row] = await db.select().from(webSessions).where(byHash(tokenHash));
      return row ?? null;
    },
    async touch(tokenHash, at, idleExpiresAt) {
      await db.update(webSessions).set({ lastSeenAt: at, idleExpiresAt }).where(byHash(tokenHash));
    },
    async remove(tokenHash) {
      return (await db.delete(webSessions).where(byHash(tokenHash)).returning({ h: webSessions.tokenHash })).length > 0;
    },
    async removeForLogin(accountId, login) {
      const where = and(eq(webSessions.accountId, accountId), eq(webSessions.login, login));
      return (await db.delete(webSessions).where(where).returning({ h: webSessions.tokenHash })).length;
    },
    async sweep(now) {
      const where = or(lte(webSessions.idleExpiresAt, now), lte(webSessions.expiresAt, now));
      return (await db.delete(webSessions).where(where).returning({ h: webSessions.tokenHash })).length;
    },
  };
}

export function setupTokenRepo(db: Db): SetupTokenRepo {
  return {
    async replace(accountId, token) {
      await db.insert(webSetupTokens).values({ accountId, ...token }).onConflictDoUpdate({ target: webSetupTokens.accountId, set: token });
    },
    async consume(accountId, tokenHash, now) {
      // One DELETE … RETURNING: of two concurrent uses, exactly one gets the row.
      const where = and(eq(webSetupTokens.accountId, accountId), eq(webSetupTokens.tokenHash, tokenHash), gt(webSetupTokens.expiresAt, now));
      return (await db.delete(webSetupTokens).where(where).returning({ a: webSetupTokens.accountId })).length > 0;
    },
  };
}

export function loginFailureRepo(db: Db): LoginFailureRepo {
  const tally = async (where: SQL | undefined) => {
    const [row] = await db.select({ n: count(), oldest: min(webLoginFailures.at) }).from(webLoginFailures).where(where);
    return { count: Number(row?.n ?? 0), oldest: row?.oldest ? new Date(row.oldest) : null };
  };
  // `since` itself is out: a failure exactly one window old no longer counts (see retryMinutes).
  const ofAccount = (accountId: string, since: Date) => [eq(webLoginFailures.accountId, accountId), gt(webLoginFailures.at, since)];
  return {
    async record(accountId, login, client, at) {
      const [row] = await db.insert(webLoginFailures).values({ accountId, login, client, at }).returning({ id: webLoginFailures.id });
      return row!.id;
    },
    async remove(id) {
      await db.delete(webLoginFailures).where(eq(webLoginFailures.id, id));
    },
    countForLogin: (accountId, login, since) => tally(and(...ofAccount(accountId, since), eq(webLoginFailures.login, login))),
    countForClient: (accountId, client, since) => tally(and(...ofAccount(accountId, since), eq(webLoginFailures.client, client))),
    async clearForLogin(accountId, login) {
      await db.delete(webLoginFailures).where(and(eq(webLoginFailures.accountId, accountId), eq(webLoginFailures.login, login)));
    },
    async prune(before) {
      return (await db.delete(webLoginFailures).where(lt(webLoginFailures.at, before)).returning({ id: webLoginFailures.id })).length;
    },
  };
}
