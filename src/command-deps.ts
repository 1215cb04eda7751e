import { createDirectoryConnector } from './adapters/directory-connector.ts';
import { x509Pki } from './adapters/pki/x509.ts';
import { cronerPort } from './adapters/cron/cron.ts';
import { createSecretBox } from './adapters/secrets/secret-box.ts';
import { scryptPasswords } from './adapters/secrets/scrypt-passwords.ts';
import { createTokenMac } from './adapters/secrets/token-mac.ts';
import type { CommandDeps } from './commands/context.ts';
import { ACCOUNT_DEFAULTS, DEFAULT_ACCOUNT_NAME, type Account } from './core/account.ts';
import type { Logger, Store } from './core/ports.ts';

/** The ports every command reaches, over an open store: the same on Node (runtime.ts) and on Workers (worker.ts). */
export function commandDeps(store: Store, key: Buffer, log: Logger): CommandDeps {
  return {
    store,
    secrets: createSecretBox(key),
    tokenMac: createTokenMac(key),
    passwords: scryptPasswords(),
    pki: x509Pki,
    cron: cronerPort,
    now: () => new Date(),
    log,
    directory: createDirectoryConnector(),
  };
}

/** The default account, created on first use by whichever runtime opens the database first. */
export function ensureDefaultAccount(store: Store, now: Date): Promise<Account> {
  return store.accounts.ensure({ id: crypto.randomUUID(), name: DEFAULT_ACCOUNT_NAME, ...ACCOUNT_DEFAULTS }, now);
}
