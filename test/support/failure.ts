import { expect } from 'vitest';
import { CommandError } from '../../src/core/errors.ts';

/** Awaits a promise that must reject with a CommandError, and returns the error. */
export async function failure(promise: Promise<unknown>): Promise<CommandError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CommandError);
  return error as CommandError;
}
