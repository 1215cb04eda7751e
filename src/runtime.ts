import { openDatabase } from './adapters/db/client.ts';
import { lockDataDir } from './adapters/db/data-dir-lock.ts';
import { createStore } from './adapters/db/store.ts';
import { createDirectoryConnector } from './adapters/directory-connector.ts';
import { x509Pki } from './adapters/pki/x509.ts';
import { cronerPort } from './adapters/cron/cron.ts';
import { createSecretBox, keyFingerprint } from './adapters/secrets/secret-box.ts';
import { resolveSecretKey } from './adapters/secrets/secret-key.ts';
import { scryptPasswords } from './adapters/secrets/scrypt-passwords.ts';
import { createTokenMac } from './adapters/secrets/token-mac.ts';
import type { CommandDeps } from './commands/context.ts';
import { describeDatabase, type Config } from './config.ts';
import { ACCOUNT_DEFAULTS, DEFAULT_ACCOUNT_NAME, type Account } from './core/account.ts';
import type { Logger } from './core/ports.ts';

export interface Runtime {
  deps: CommandDeps;
  account: Account;
  close(): Promise<void>;
}

/**
 * Opens everything a face needs: the key, the database (migrated), the default account.
 * Shared by the server and the CLI so both see the same state the same way.
 */
export interface RuntimeOptions {
  /** Repeat the "key lives in the data folder" warning even when the key already existed (server start). */
  remindKeyFile?: boolean;
}

export async function openRuntime(config: Config, log: Logger, opts: RuntimeOptions = {}): Promise<Runtime> {
  const { key, source } = resolveSecretKey(config.secretKey, config.dataDir);
  if (source.kind === 'file' && (source.created || opts.remindKeyFile)) {
    const how = source.created ? 'generated a new secret key' : 'using the generated secret key';
    log.warn(
      `${how} in ${source.path} (fingerprint ${keyFingerprint(key)}). Bind passwords are encrypted with it: ` +
        'back it up, and set DIRSYNC_SECRET_KEY in production so the key does not live beside the data.',
    );
  }
  const unlock = config.database.kind === 'pglite' ? lockDataDir(config.dataDir) : () => {};
  try {
    const database = await openDatabase(config.database);
    const store = createStore(database);
    try {
      await database.migrate();
      const now = new Date();
      const account = await store.accounts.ensure({ id: crypto.randomUUID(), name: DEFAULT_ACCOUNT_NAME, ...ACCOUNT_DEFAULTS }, now);
      log.debug('database ready', { database: describeDatabase(config.database) });
      const directory = createDirectoryConnector();
      const deps: CommandDeps = { store, secrets: createSecretBox(key), tokenMac: createTokenMac(key), passwords: scryptPasswords(), pki: x509Pki, cron: cronerPort, now: () => new Date(), log, directory };
      return {
        deps,
        account,
        async close() {
          try {
            await store.close();
          } finally {
            unlock();
          }
        },
      };
    } catch (e) {
      await store.close().catch(() => {});
      throw e;
    }
  } catch (e) {
    unlock();
    throw e;
  }
}
