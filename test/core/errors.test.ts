import { describe, expect, it } from 'vitest';
import { CommandError, toCommandError } from '../../src/core/errors.ts';

const lost = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

function context() {
  const lines: { level: string; msg: string; err: unknown }[] = [];
  const log = (level: string) => (msg: string, fields?: Record<string, unknown>) => void lines.push({ level, msg, err: fields?.err });
  // The store's own reading of driver errors, as the Postgres store does it.
  const store = { connectionLoss: (e: unknown) => ((e as { code?: string }).code === 'ECONNREFUSED' ? (e as Error).message : null) };
  return { ctx: { store, log: { warn: log('warn'), error: log('error') } }, lines };
}

describe('toCommandError: one mapping of failures for every face', () => {
  it('passes a CommandError through unchanged and logs nothing', () => {
    const { ctx, lines } = context();
    const refused = new CommandError('forbidden', 'needs the admin role');
    expect(toCommandError(refused, ctx, 'a Slack command')).toBe(refused);
    expect(lines).toEqual([]);
  });

  it("calls dirsync's own database gone away unavailable, in the driver's words, with what to check", () => {
    const { ctx, lines } = context();
    const error = toCommandError(lost, ctx, 'a Teams command');
    expect(error.code).toBe('unavailable');
    expect(error.message).toBe("the database connection was lost (connect ECONNREFUSED 127.0.0.1:5432): check that dirsync's Postgres is running and reachable, then try again");
    expect(lines).toEqual([{ level: 'warn', msg: 'a Teams command failed: the database connection was lost', err: lost }]);
  });

  it("calls anything else dirsync's own bug: internal, logged with the error, never shown as it is", () => {
    const { ctx, lines } = context();
    const bug = new TypeError("Cannot read properties of undefined (reading 'password') at postgres://u:secret@db/x");
    const error = toCommandError(bug, ctx, 'integration.add');
    expect(error.code).toBe('internal');
    expect(error.message).toBe('integration.add failed unexpectedly; the error was logged');
    expect(error.message).not.toContain('secret');
    expect(lines).toEqual([{ level: 'error', msg: 'integration.add failed unexpectedly', err: bug }]);
    expect(toCommandError('a string', ctx, 'x').code).toBe('internal');
  });
});
