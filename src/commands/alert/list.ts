import { z } from 'zod';
import { toAlertItem, type AlertItem } from './internal/alert-view.ts';
import { defineCommand } from '../define-command.ts';
import { integrationNames } from '../internal/load.ts';
import { PageInput, twoSections } from '../internal/page-input.ts';

export interface AlertList {
  open: AlertItem[];
  resolved: AlertItem[];
  /** Cursor of the next page: of `resolved`, unless `status` is `open`. */
  nextBeforeId: number | null;
}

/**
 * Alerts, newest first, with the facts of what broke (presenters/alert-explanation.ts words them). Without `status` both
 * lists come back and `resolved` is the one that pages.
 */
export const listAlerts = defineCommand({
  name: 'alert.list',
  summary: 'Listing alerts',
  minRole: 'viewer',
  audited: false,
  input: z.object({ status: z.enum(['open', 'resolved']).optional(), ...PageInput }).prefault({}),
  face: { words: 'alerts list', summary: 'Alerts, open and resolved, with what broke and what to check', faces: ['dashboard'] },
  async run({ ctx, input }): Promise<AlertList> {
    const { first, second, nextBeforeId } = await twoSections(input, ['open', 'resolved'], (status, limit, beforeId) =>
      ctx.store.alerts.list(ctx.accountId, { status, limit, ...(beforeId !== undefined && { beforeId }) }),
    );
    const nameOf = await integrationNames(ctx, [...first, ...second].map((a) => a.integrationId));
    const items = (rows: typeof first) => rows.map((a) => toAlertItem(a, nameOf(a.integrationId)));
    return { open: items(first), resolved: items(second), nextBeforeId };
  },
});
