import { addIntegration } from './integration/add.ts';
import { approveRequest, rejectRequest } from './approval/decide.ts';
import { disableIntegration } from './integration/disable.ts';
import { enableIntegration } from './integration/enable.ts';
import { grantRole } from './role/grant.ts';
import { listAlerts } from './alert/list.ts';
import { listApprovals } from './approval/list.ts';
import { listAudit } from './audit/list.ts';
import { listIntegrations } from './integration/list.ts';
import { listPending } from './change/list-pending.ts';
import { listRoles } from './role/list.ts';
import { requestDelete } from './integration/request-delete.ts';
import { requestSync } from './sync/request.ts';
import { revokeRole } from './role/revoke.ts';
import { setAlertDestination } from './alert/set-destination.ts';
import { showAlertDestination } from './alert/show-destination.ts';
import { snoozeAlert } from './alert/snooze.ts';
import { showAccount } from './account/show.ts';
import { showIntegration } from './integration/show.ts';
import { showOverview } from './account/show-overview.ts';
import { syncHistory } from './sync/history.ts';
import { testIntegration } from './integration/test.ts';
import { updateAccount } from './account/update.ts';
import { updateIntegration } from './integration/update.ts';

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
