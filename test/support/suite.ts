import { afterAll, beforeAll } from 'vitest';
import type { Backend } from './databases.ts';

/** One fresh database per backend-suite: `const db = useDatabase(backend)` inside describe.each. */
export function useDatabase(backend: Backend) {
  const handle = {} as Awaited<ReturnType<Backend['create']>>;
  beforeAll(async () => {
    Object.assign(handle, await backend.create());
  });
  afterAll(() => handle.drop());
  return handle;
}
