import { addIntegration } from './add-integration.ts';
import { approveRequest, rejectRequest } from './decide-approval.ts';
import { disableIntegration } from './disable-integration.ts';
import { enableIntegration } from './enable-integration.ts';
import { grantRole } from './grant-role.ts';
import { listAlerts } from './list-alerts.ts';
import { listApprovals } from './list-approvals.ts';
import { listAudit } from './list-audit.ts';
import { listIntegrations } from './list-integrations.ts';
import { listPending } from './list-pending.ts';
import { listRoles } from './list-roles.ts';
import { requestDelete } from './request-delete.ts';
import { requestSync } from './request-sync.ts';
import { revokeRole } from './revoke-role.ts';
import { setAlertDestination } from './set-alert-destination.ts';
import { showAlertDestination } from './show-alert-destination.ts';
import { snoozeAlert } from './snooze-alert.ts';
import { showAccount } from './show-account.ts';
import { showIntegration } from './show-integration.ts';
import { showOverview } from './show-overview.ts';
import { syncHistory } from './sync-history.ts';
import { testIntegration } from './test-integration.ts';
import { updateAccount } from './update-account.ts';
import { updateIntegration } from './update-integration.ts';

/**
 * Every use case a person can invoke, once. Faces render from this list so a command appears
 * everywhere or nowhere. (executeSync is not here: only workers run it; nor are the helpers
 * that forms and progress displays call while a person types or waits: showRuns,
 * previewSchedule, checkDn.)
 */
export const commands = {
  showOverview,
  addIntegration,
  updateIntegration,
  showIntegration,
  listIntegrations,
  enableIntegration,
  disableIntegration,
  testIntegration,
  requestSync,
  syncHistory,
  listPending,
  listApprovals,
  requestDelete,
  approveRequest,
  rejectRequest,
  showAccount,
  updateAccount,
  listAudit,
  listRoles,
  grantRole,
  revokeRole,
  setAlertDestination,
  showAlertDestination,
  listAlerts,
  snoozeAlert,
} as const;

export type CommandName = keyof typeof commands;
