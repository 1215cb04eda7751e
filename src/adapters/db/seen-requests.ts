import { lte, sql } from 'drizzle-orm';
import type { SeenRequests } from '../../core/chat-ports.ts';
import type { Db } from './client.ts';
import { seenRequests } from './chat-schema.ts';

/**
 * One INSERT … ON CONFLICT decides first-seen against every replica at once: a live row makes
 * the insert a no-op (the key is not returned); an expired one is taken over as if new.
 */
export function seenRequestRepo(db: Db): SeenRequests {
  return {
    async remember(entries, now) {
      // Postgres refuses to touch one row twice in a statement: each key once.
      const unique = [...new Map(entries.map((e) => [e.key, e])).values()];
      if (unique.length === 0) return new Set();
      const fresh = await db
        .insert(seenRequests)
        .values(unique.map((e) => ({ key: e.key, expiresAt: e.until })))
        .onConflictDoUpdate({ target: seenRequests.key, set: { expiresAt: sql`excluded.expires_at` }, setWhere: lte(seenRequests.expiresAt, now) })
        .returning({ key: seenRequests.key });
      return new Set(fresh.map((r) => r.key));
    },
    async prune(now) {
      return (await db.delete(seenRequests).where(lte(seenRequests.expiresAt, now)).returning({ key: seenRequests.key })).length;
    },
  };
}
