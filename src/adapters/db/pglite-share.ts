import type { PGlite } from '@electric-sql/pglite';
import { chmodSync, rmSync } from 'node:fs';
import { connect } from 'node:net';

/** Where a running server offers its embedded database to CLI processes on this machine. */
export const SOCKET_NAME = 'dirsync.sock';

/**
 * PGlite is one Postgres session. pglite-socket multiplexes its clients onto it: messages are
 * queued, and while the session is inside a transaction only the client that opened it is served.
 * It knows nothing of the server's own queries, which reach the same session in-process: without
 * a guard, a CLI's statement could run inside a transaction of the server's (and commit or roll
 * back with it), or the server's inside the CLI's. Nor does it keep one client's extended-query
 * messages (Parse, Bind, Execute … Sync) together outside a transaction, so a query of another
 * could replace its unnamed statement in between.
 *
 * The guard gives the session to one side at a time: any number of in-process calls (PGlite
 * already serialises those, as before), or the socket — from a client's first message until a
 * Sync or simple Query leaves the session outside a transaction. While the socket holds it, it
 * tells the queue "in a transaction", so the queue serves only the client that holds it.
 */
export class SessionGuard {
  private local = 0;
  private socket = false;
  private waiters: (() => void)[] = [];

  async enterLocal(): Promise<void> {
    while (this.socket) await this.next();
    this.local++;
  }

  leaveLocal(): void {
    if (--this.local === 0) this.wake();
  }

  get socketHolds(): boolean {
    return this.socket;
  }

  async enterSocket(): Promise<void> {
    if (this.socket) return; // the same client, still inside its transaction or query
    while (this.local > 0 || this.socket) await this.next();
    this.socket = true;
  }

  leaveSocket(): void {
    this.socket = false;
    this.wake();
  }

  private next(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private wake(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const resolve of waiting) resolve();
  }
}

/** The client drizzle uses in-process: its queries and transactions wait while a socket client holds the session. */
export function guardedLocal(client: PGlite, guard: SessionGuard): PGlite {
  const guarded = new Set(['query', 'exec', 'transaction', 'sql']);
  return new Proxy(client, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (!guarded.has(String(prop))) return value.bind(target);
      return async (...args: unknown[]) => {
        await guard.enterLocal();
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } finally {
          guard.leaveLocal();
        }
      };
    },
  });
}

/** What pglite-socket's queue sees of the database: the guard taken around each message. */
function guardedForSocket(client: PGlite, guard: SessionGuard): PGlite {
  // 'S' Sync and 'Q' Query end a unit of work; 'X' Terminate ends the client; a startup message
  // (its length comes first, so 0x00) is answered whole.
  const ENDS = new Set([0x53, 0x51, 0x58, 0x00]);
  const settle = (last: number | undefined) => {
    if ((last === undefined || ENDS.has(last)) && !client.isInTransaction()) guard.leaveSocket();
  };
  const overrides: Record<string, unknown> = {
    isInTransaction: () => guard.socketHolds || client.isInTransaction(),
    runExclusive: async <T>(fn: () => Promise<T>) => {
      await guard.enterSocket();
      return client.runExclusive(fn);
    },
    execProtocolRawStream: async (message: Uint8Array, opts: unknown) => {
      try {
        return await (client.execProtocolRawStream as (m: Uint8Array, o: unknown) => Promise<unknown>)(message, opts);
      } finally {
        settle(message[0]);
      }
    },
    // The queue's ROLLBACK for a client that went away inside a transaction.
    exec: async (query: string) => {
      try {
        return await client.exec(query);
      } finally {
        settle(undefined);
      }
    },
  };
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && prop in overrides) return overrides[prop];
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Serves the PGlite session on a Unix socket (0600, in the 0700 data folder; never TCP). Returns its stop. */
export async function serveSocket(client: PGlite, guard: SessionGuard, path: string): Promise<() => Promise<void>> {
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  // We hold the data folder's lock, so a socket file left here is from a server that died.
  rmSync(path, { force: true });
  const server = new PGLiteSocketServer({ db: guardedForSocket(client, guard), path, maxConnections: 16 });
  await server.start();
  chmodSync(path, 0o600);
  return async () => {
    await server.stop();
    rmSync(path, { force: true });
  };
}

/** Whether a server answers on the socket (a file left by one that died refuses the connection). */
export function socketAnswers(path: string, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ path });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
