import { bigserial, foreignKey, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './schema.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });
const accountId = () => uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' });

/** Dashboard users. Their role is the role binding of `web:<login>`, not a column here. */
export const webUsers = pgTable(
  'web_users',
  {
    accountId: accountId(),
    login: text('login').notNull(),
    /** `scrypt$<log2 N>$<r>$<p>$<salt>$<key>`: see adapters/secrets/scrypt-passwords.ts. */
    passwordHash: text('password_hash').notNull(),
    createdAt: at('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    passwordChangedAt: at('password_changed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.login] })],
);

/** Signed-in browsers. Only the SHA-256 of the cookie's token is kept. */
export const webSessions = pgTable(
  'web_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    accountId: uuid('account_id').notNull(),
    login: text('login').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: at('created_at').notNull(),
    lastSeenAt: at('last_seen_at').notNull(),
    idleExpiresAt: at('idle_expires_at').notNull(),
    expiresAt: at('expires_at').notNull(),
  },
  (t) => [
    // A removed user (or account) takes its sessions with it, whatever code path removed it.
    foreignKey({ columns: [t.accountId, t.login], foreignColumns: [webUsers.accountId, webUsers.login] }).onDelete('cascade'),
    index('web_sessions_login_idx').on(t.accountId, t.login),
    index('web_sessions_idle_expires_idx').on(t.idleExpiresAt),
  ],
);

/** The one-time link that creates the first admin; one per account, hashed like sessions. */
export const webSetupTokens = pgTable('web_setup_tokens', {
  accountId: uuid('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull(),
  createdAt: at('created_at').notNull(),
  expiresAt: at('expires_at').notNull(),
});

/** Failed sign-ins, counted per login and per client address for throttling; pruned once out of the window. */
export const webLoginFailures = pgTable(
  'web_login_failures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: accountId(),
    login: text('login').notNull(),
    client: text('client').notNull(),
    at: at('at').notNull(),
  },
  (t) => [
    index('web_login_failures_login_idx').on(t.accountId, t.login, t.at),
    index('web_login_failures_client_idx').on(t.accountId, t.client, t.at),
    index('web_login_failures_at_idx').on(t.at),
  ],
);
