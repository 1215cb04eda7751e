import type { Db } from './client.ts';

// postgres.js's own codes for a connection it lost or gave up, and the socket errors it passes on.
const LOST_CODES = new Set([
  'CONNECTION_CLOSED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT',
  'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN',
]);
// SQLSTATE class 08 (connection exception); 57P01-57P03: the server is shutting down, crashed or is starting up.
const LOST_STATES = /^(08...|57P0[123])$/;

/**
 * When an error (drizzle's wrapper included) means that the database went away, rather than
 * that it refused a statement: the driver's own words for it ("connect ECONNREFUSED
 * 127.0.0.1:5432"), without the statement or its parameters. Else null.
 */
export function connectionLoss(e: unknown): string | null {
  for (let cur: unknown = e, depth = 0; cur && typeof cur === 'object' && depth < 5; cur = (cur as { cause?: unknown }).cause, depth++) {
    const { code, message } = cur as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (LOST_CODES.has(code) || LOST_STATES.test(code))) return typeof message === 'string' && message ? message : code;
  }
  return null;
}

/**
 * postgres.js's begin() answers a callback that failed with a rollback on the transaction's
 * connection (and one that succeeded with a commit), even when that connection has just closed
 * under it (the server died mid-transaction). The statement is then written from a timer to a
 * socket postgres.js has already dropped (connection.js nextWrite, socket null), and that
 * TypeError ends the process. By then begin() has failed with the connection, so the
 * callback's outcome is held back from it: nothing waits for it any more.
 */
export function guardTransactions(db: Db): void {
  const begin = db.transaction.bind(db);
  db.transaction = ((fn: (tx: Db) => Promise<unknown>, config?: unknown) => {
    let abandoned = false;
    const result = begin(async (tx) => {
      let outcome: { value: unknown } | { error: unknown };
      try {
        outcome = { value: await fn(tx as unknown as Db) };
      } catch (error) {
        outcome = { error };
      }
      // A close seen while the callback ran has rejected begin() by the next turn of the loop.
      await new Promise((resolve) => setImmediate(resolve));
      if (abandoned) return new Promise<never>(() => {});
      if ('error' in outcome) throw outcome.error;
      return outcome.value;
    }, config as never);
    result.catch(() => (abandoned = true));
    return result;
  }) as Db['transaction'];
}
