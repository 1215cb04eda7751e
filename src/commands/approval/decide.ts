import { z } from 'zod';
import { CommandError } from '../../core/errors.ts';
import type { Repos } from '../../core/ports.ts';
import { actorKey, hasRole } from '../../core/roles.ts';
import { emptyByKind, type ByKind } from '../../core/sync.ts';
import type { ApprovalRecord } from '../../core/sync-ports.ts';
import type { CommandContext } from '../context.ts';
import { auditEntry, defineCommand } from '../define-command.ts';
import { REQUEST_ID, rest } from '../internal/words.ts';
import { presentDecision } from '../../presenters/decisions.ts';
import { releaseChanges } from '../change/internal/release.ts';
import { expireApprovals, settleApproval } from './internal.ts';

/** Accepts `12` or `#12`, as chat users type them. */
export const ApprovalId = z.preprocess((v) => (typeof v === 'string' ? Number(v.replace(/^#/, '')) : v), z.number({ message: 'an approval id is a number, e.g. 12' }).int().positive());

export interface Decision {
  request: ApprovalRecord;
  integration: string;
  applied: ByKind;
  /** Integrations that still hold the approved changes (they apply once these recover). */
  blockedBy: string[];
}

/** Loads a request for a decision: locked, expired first if due, and still pending. */
async function pendingRequest(ctx: CommandContext, tx: Repos, id: number): Promise<ApprovalRecord> {
  await expireApprovals(tx, ctx.now(), ctx.accountId);
  const request = await tx.approvals.get(ctx.accountId, id, { lock: true });
  if (!request) throw new CommandError('not_found', `approval request #${id} does not exist`);
  if (request.status !== 'pending') {
    const by = request.decidedBy ? ` by ${request.decidedBy}` : '';
    throw new CommandError('failed_precondition', `request #${id} is already ${request.status}${by}${request.decidedAt ? ` (${request.decidedAt.toISOString()})` : ''}: nothing changed`);
  }
  return request;
}

const integrationName = async (tx: Repos, request: ApprovalRecord) => (await tx.integrations.findById(request.integrationId))?.name ?? request.integrationId;

export const approveRequest = defineCommand({
  name: 'approval.approve',
  summary: 'Approving a request',
  minRole: 'admin',
  audited: true,
  input: z.object({ id: ApprovalId }),
  face: {
    words: 'approve',
    args: [REQUEST_ID],
    summary: 'Approve a request (an admin other than the requester)',
    details: 'Approves a pending request (admin; not the requester). On the CLI, --actor says who approves.',
    faces: ['cli', 'chat', 'dashboard'],
    inChannel: true,
    menu: 7,
    present: presentDecision,
  },
  async run({ ctx, input }): Promise<Decision> {
    const now = ctx.now();
    return ctx.store.transaction(async (tx) => {
      const request = await pendingRequest(ctx, tx, input.id);
      if (request.requestedBy === actorKey(ctx.actor)) {
        throw new CommandError('forbidden', `four-eyes: #${request.id} was requested by ${request.requestedBy}; another admin must approve it`);
      }
      await settleApproval(tx, request, 'approved', actorKey(ctx.actor), null, now);
      const name = await integrationName(tx, request);
      if (request.kind === 'delete_integration') {
        // The integration goes now; its objects leave through the gate like any destructive change.
        await tx.integrations.markDeleted(request.integrationId, now);
        await tx.runs.cancelOpen(request.integrationId, now);
        await tx.changes.removeIntegrationObjects({ accountId: ctx.accountId, integrationId: request.integrationId, now });
      } else {
        await tx.changes.approveBatch(request.id, now);
      }
      const { applied, blockedBy } = await releaseChanges(tx, ctx.accountId, now);
      await tx.audit.record(auditEntry(ctx, 'approval.approve', name, { request: request.id, kind: request.kind, applied, blockedBy }));
      return { request: (await tx.approvals.get(ctx.accountId, request.id))!, integration: name, applied, blockedBy };
    });
  },
});

/** Admins reject; the requester may withdraw their own request (it is then cancelled). */
export const rejectRequest = defineCommand({
  name: 'approval.reject',
  summary: 'Rejecting a request',
  minRole: 'operator',
  audited: true,
  input: z.object({ id: ApprovalId, note: z.string().trim().max(500).optional() }),
  face: {
    words: 'reject',
    args: [REQUEST_ID, rest('note', 'a note to the requester')],
    summary: 'Reject a request (or withdraw your own)',
    details: 'Rejects a pending request (admin), or withdraws your own request.',
    faces: ['cli', 'chat', 'dashboard'],
    destructive: true,
    inChannel: true,
    menu: 8,
    present: presentDecision,
  },
  async run({ ctx, input }): Promise<Decision> {
    const now = ctx.now();
    return ctx.store.transaction(async (tx) => {
      const request = await pendingRequest(ctx, tx, input.id);
      const own = request.requestedBy === actorKey(ctx.actor);
      if (!own && !hasRole(ctx.actor, 'admin')) {
        throw new CommandError('forbidden', `rejecting #${request.id} needs the admin role (or being its requester); ${actorKey(ctx.actor)} has ${ctx.actor.role}`);
      }
      await settleApproval(tx, request, own ? 'cancelled' : 'rejected', actorKey(ctx.actor), input.note ?? null, now);
      if (request.kind === 'apply_batch') await tx.changes.rejectBatch(request.id, now);
      const name = await integrationName(tx, request);
      await tx.audit.record(auditEntry(ctx, own ? 'approval.cancel' : 'approval.reject', name, { request: request.id, kind: request.kind, note: input.note ?? null }));
      return { request: (await tx.approvals.get(ctx.accountId, request.id))!, integration: name, applied: emptyByKind(), blockedBy: [] };
    });
  },
});
