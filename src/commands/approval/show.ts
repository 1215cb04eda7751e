import { z } from 'zod';
import { CommandError } from '../../core/errors.ts';
import type { ChangePage } from '../../core/sync-ports.ts';
import { defineCommand } from '../define-command.ts';
import { integrationNames } from '../internal/load.ts';
import { changeScopeOf } from '../internal/notification-subject.ts';
import { REQUEST_ID } from '../internal/words.ts';
import { ApprovalId } from './decide.ts';
import { expireApprovals, toApprovalItem, type ApprovalItem } from './internal.ts';

/** Named changes per dashboard page. */
export const CHANGES_PAGE = 100;

export interface ApprovalDetail {
  request: ApprovalItem;
  /** This page of the changes it covers, and how many there are in all. */
  changes: ChangePage;
  page: number;
  pages: number;
}

/**
 * One approval request and every change it covers, by user (display name and DN) and group, a
 * page at a time: what an admin reads before approving. Chat shows the first ten of the same.
 */
export const showApproval = defineCommand({
  name: 'approval.show',
  summary: 'Showing an approval request',
  minRole: 'viewer',
  audited: false,
  input: z.object({ id: ApprovalId, page: z.number().int().min(1).default(1) }),
  face: { words: 'approval', args: [REQUEST_ID], summary: 'One approval request and every change it covers', faces: ['dashboard'] },
  async run({ ctx, input }): Promise<ApprovalDetail> {
    await ctx.store.transaction((tx) => expireApprovals(tx, ctx.now(), ctx.accountId));
    const request = await ctx.store.approvals.get(ctx.accountId, input.id);
    if (!request) throw new CommandError('not_found', `approval request #${input.id} does not exist: /approvals lists the requests`);
    const nameOf = await integrationNames(ctx, [request.integrationId]);
    const changes = await ctx.store.changes.items(ctx.accountId, changeScopeOf(request), { limit: CHANGES_PAGE, offset: (input.page - 1) * CHANGES_PAGE });
    return { request: toApprovalItem(request, nameOf(request.integrationId)), changes, page: input.page, pages: Math.max(1, Math.ceil(changes.total / CHANGES_PAGE)) };
  },
});
