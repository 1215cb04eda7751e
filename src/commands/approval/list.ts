import { z } from 'zod';
import { APPROVAL_STATUSES } from '../../core/sync.ts';
import { expireApprovals, toApprovalItem, type ApprovalItem } from './internal.ts';
import { defineCommand } from '../define-command.ts';
import { integrationNames } from '../internal/load.ts';
import { PageInput, twoSections } from '../internal/page-input.ts';

const DECIDED = APPROVAL_STATUSES.filter((s) => s !== 'pending');

export interface ApprovalList {
  pending: ApprovalItem[];
  decided: ApprovalItem[];
  /** Cursor of the next page: of `decided`, unless `status` is `pending`. */
  nextBeforeId: number | null;
}

/**
 * Approval requests, newest first: pending, and decided (approved, rejected, expired,
 * cancelled). Without `status` both come back and `decided` is the list that pages.
 */
export const listApprovals = defineCommand({
  name: 'approval.list',
  summary: 'Listing approval requests',
  minRole: 'viewer',
  audited: false,
  input: z.object({ status: z.enum(['pending', 'decided']).optional(), ...PageInput }).prefault({}),
  face: { words: 'approvals', summary: 'Approval requests, pending and decided', faces: ['dashboard'] },
  async run({ ctx, input }): Promise<ApprovalList> {
    // What expired since the scheduler last looked is listed as expired, not as pending.
    await ctx.store.transaction((tx) => expireApprovals(tx, ctx.now(), ctx.accountId));
    const { first, second, nextBeforeId } = await twoSections(input, ['pending', 'decided'], (status, limit, beforeId) =>
      ctx.store.approvals.list(ctx.accountId, { statuses: status === 'pending' ? ['pending'] : DECIDED, limit, ...(beforeId !== undefined && { beforeId }) }),
    );
    const nameOf = await integrationNames(ctx, [...first, ...second].map((a) => a.integrationId));
    const items = (rows: typeof first) => rows.map((a) => toApprovalItem(a, nameOf(a.integrationId)));
    return { pending: items(first), decided: items(second), nextBeforeId };
  },
});
