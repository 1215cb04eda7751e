import { openHyperdrive } from '../../adapters/db/hyperdrive-client.ts';
import { createStore } from '../../adapters/db/store.ts';
import { commandDeps, ensureDefaultAccount } from '../../command-deps.ts';
import type { CommandDeps } from '../../commands/context.ts';
import { seedAdmins } from '../../commands/role/seed-admins.ts';
import type { Logger } from '../../core/ports.ts';
import type { WorkerConfig } from './worker-env.ts';

export interface WorkerRuntime {
  deps: CommandDeps;
  accountId: string;
  close(): Promise<void>;
}

// What an isolate has done once already: it keeps no connection between requests (Workers
// forbid that), but needs to migrate, find the account and seed the admins only once.
let ready: { accountId: string } | null = null;

/**
 * The commands' ports for one request or cron event, over a Postgres client of its own (a socket
 * cannot outlive the request that opened it). The first call in an isolate also migrates (under
 * the same advisory lock as Node), ensures the default account and seeds DIRSYNC_ADMINS.
 */
export async function openWorkerRuntime(worker: WorkerConfig, log: Logger): Promise<WorkerRuntime> {
  const database = openHyperdrive(worker.connectionString);
  const store = createStore(database);
  try {
    const deps = commandDeps(store, worker.secretKey, log);
    if (!ready) {
      await database.migrate();
      const account = await ensureDefaultAccount(store, new Date());
      const seeded = await seedAdmins(deps, account.id, worker.config.admins);
      if (seeded.length > 0) log.info(`DIRSYNC_ADMINS: ${seeded.join(', ')} ${seeded.length === 1 ? 'is' : 'are'} now admin`);
      ready = { accountId: account.id };
    }
    return { deps, accountId: ready.accountId, close: () => store.close() };
  } catch (e) {
    await store.close().catch(() => {});
    throw e;
  }
}
