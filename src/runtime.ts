import { openDatabase, type Database, type DatabaseTarget } from './adapters/db/client.ts';
import { SOCKET_NAME, socketAnswers } from './adapters/db/pglite-share.ts';
import { lockDataDir } from './adapters/db/data-dir-lock.ts';
import { createStore } from './adapters/db/store.ts';
import { keyFingerprint } from './adapters/secrets/secret-box.ts';
import { commandDeps, ensureDefaultAccount } from './command-deps.ts';
import type { CommandDeps } from './commands/context.ts';
import { resolveSecretKey } from './adapters/secrets/secret-key.ts';
import { describeDatabase, type Config } from './config.ts';
import type { Account } from './core/account.ts';
import type { Logger } from './core/ports.ts';
import { prepareDataDir, type DataDirMode } from './data-dir.ts';
import { join, resolve } from 'node:path';

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
  /** A missing data folder: made (and said so), or refused by a command that only reads. Default create. */
  dataDir?: DataDirMode;
  /** The server: serve the embedded database to local CLI processes on a Unix socket in the data folder. */
  share?: boolean;
}

export async function openRuntime(config: Config, log: Logger, opts: RuntimeOptions = {}): Promise<Runtime> {
  const created = prepareDataDir(config, opts.dataDir ?? 'create');
  if (created) log.warn(`created ${created} for dirsync's data (set DIRSYNC_DATA_DIR to keep it elsewhere)`);
  const { key, source } = resolveSecretKey(config.secretKey, resolve(config.dataDir));
  if (source.kind === 'file' && (source.created || opts.remindKeyFile)) {
    const how = source.created ? 'generated a new secret key' : 'using the generated secret key';
    log.warn(
      `${how} in ${source.path} (fingerprint ${keyFingerprint(key)}). Bind passwords are encrypted with it: ` +
        'back it up, and set DIRSYNC_SECRET_KEY in production so the key does not live beside the data.',
    );
  }
  // A CLI beside a running server uses the server's session through its socket; a socket file
  // whose server died answers nothing, and the CLI opens PGlite itself, as without a server.
  const socketPath = join(resolve(config.dataDir), SOCKET_NAME);
  let target: DatabaseTarget = config.database;
  let unlock = () => {};
  if (config.database.kind === 'pglite') {
    if (!opts.share && (await socketAnswers(socketPath))) target = { kind: 'pglite-socket', path: socketPath };
    else unlock = lockDataDir(config.dataDir);
  }
  try {
    const database = await openDatabase(target);
    const store = createStore(database);
    try {
      await database.migrate();
      const account = await ensureDefaultAccount(store, new Date());
      log.debug('database ready', { database: describeDatabase(target) });
      const stopSharing = opts.share && database.share ? await share(database.share, socketPath, log) : null;
      const deps = commandDeps(store, key, log);
      return {
        deps,
        account,
        async close() {
          try {
            await stopSharing?.().catch((e: unknown) => log.warn('closing the database socket failed', { err: e }));
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

/** Shares the server's PGlite; a failure costs only the sharing (the CLI is then refused, as before). */
async function share(serve: NonNullable<Database['share']>, socketPath: string, log: Logger): Promise<(() => Promise<void>) | null> {
  try {
    const stop = await serve(socketPath);
    log.info(`dirsync commands on this machine share the embedded database through ${socketPath}`);
    return stop;
  } catch (e) {
    log.warn(`could not serve the embedded database on ${socketPath}: dirsync commands are refused while this server runs (set DATABASE_URL to share a Postgres server instead)`, { err: e });
    return null;
  }
}
