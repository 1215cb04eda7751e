import type { Store } from '../../src/core/ports.ts';

/** The errors a face may meet outside any command: a bug of dirsync's own, and its database gone. */
export const BUG = () => new TypeError("Cannot read properties of undefined (reading 'role')");
export const LOST = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

/** Makes every role lookup (the first thing a chat face does with a request) throw, until `restore`. */
export function failRoleLookups(store: Store) {
  const roleOf = store.roles.roleOf;
  return {
    with(error: () => Error) {
      store.roles.roleOf = async () => {
        throw error();
      };
    },
    restore: () => void (store.roles.roleOf = roleOf),
  };
}
