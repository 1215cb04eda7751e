import { z } from 'zod';
import { CommandError, invalid, toCommandError, type FieldIssue } from '../core/errors.ts';
import { actorKey, hasRole, type Role } from '../core/roles.ts';
import type { AuditEntry, AuditOutcome } from '../core/ports.ts';
import type { CommandContext } from './context.ts';
import type { FaceSpec } from './face-spec.ts';

export interface CommandSpec<S extends z.ZodType, R> {
  /** `entity.verb`; also the audit action. */
  name: string;
  summary: string;
  minRole: Role;
  /** State-changing commands are audited, successes inside their transaction, failures after it. */
  audited: boolean;
  input: S | ((ctx: CommandContext) => S);
  /**
   * Who a failure is audited as, from the raw input, when that is not ctx.actor: a failed sign-in
   * names the login tried, not "web:anonymous". null falls back to ctx.actor.
   */
  auditActor?: (input: unknown) => string | null;
  run: (args: { ctx: CommandContext; input: z.output<S> }) => Promise<R>;
  /** How people reach it (words, arguments, faces); none for commands only dirsync itself runs. */
  face?: FaceSpec<z.input<S>, R> | readonly FaceSpec<z.input<S>, R>[];
}

export type Command<S extends z.ZodType = z.ZodType, R = unknown> = ((args: {
  ctx: CommandContext;
  input: z.input<S>;
}) => Promise<R>) & { spec: CommandSpec<S, R> };

/** Any command, as lists of them hold it: called with input that is only known at run time. */
export interface AnyCommand {
  (args: { ctx: CommandContext; input: never }): Promise<unknown>;
  spec: Pick<CommandSpec<z.ZodType, unknown>, 'name' | 'summary' | 'minRole' | 'audited'> & { face?: unknown };
}

/**
 * Wraps a use case so every face gets the same order of checks: role, then input, then the
 * command's own transaction; and every failure leaves one audit row and a typed error.
 */
export function defineCommand<S extends z.ZodType, R>(spec: CommandSpec<S, R>): Command<S, R> {
  const command = async ({ ctx, input }: { ctx: CommandContext; input: z.input<S> }): Promise<R> => {
    try {
      if (!hasRole(ctx.actor, spec.minRole)) {
        throw new CommandError(
          'forbidden',
          `${spec.summary} needs the ${spec.minRole} role; ${actorKey(ctx.actor)} has ${ctx.actor.role}`,
        );
      }
      const schema = typeof spec.input === 'function' ? spec.input(ctx) : spec.input;
      return await spec.run({ ctx, input: parseInput(schema, input) });
    } catch (e) {
      const error = toCommandError(e, ctx, spec.name);
      if (spec.audited || error.code === 'forbidden') await auditFailure(ctx, spec.name, input, error, spec.auditActor?.(input) ?? null);
      throw error;
    }
  };
  return Object.assign(command, { spec });
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw invalid(result.error.issues.map(toFieldIssue));
}

function toFieldIssue(issue: z.core.$ZodIssue): FieldIssue {
  const field = issue.path.length > 0 ? issue.path.map(String).join('.') : 'input';
  const fix = issue.code === 'custom' ? (issue.params as { fix?: unknown } | undefined)?.fix : undefined;
  return typeof fix === 'string' ? { field, message: issue.message, fix } : { field, message: issue.message };
}

/** An audit row for a command, bound to its actor and account. */
export function auditEntry(
  ctx: CommandContext,
  action: string,
  target: string | null,
  detail: Record<string, unknown> = {},
  outcome: AuditOutcome = 'ok',
): AuditEntry {
  return { accountId: ctx.accountId, at: ctx.now(), actor: actorKey(ctx.actor), action, target, outcome, detail };
}

async function auditFailure(ctx: CommandContext, action: string, input: unknown, error: CommandError, actor: string | null): Promise<void> {
  const name = typeof input === 'object' && input !== null && 'name' in input ? String(input.name) : null;
  const detail = { message: error.message, fields: error.issues.map((i) => i.field) };
  try {
    await ctx.store.audit.record({ ...auditEntry(ctx, action, name, detail), outcome: error.code, ...(actor && { actor }) });
  } catch (auditError) {
    // The command's own error matters more to the caller than a failed audit write.
    ctx.log.error('could not record a failed command in the audit log', { action, err: auditError });
  }
}
