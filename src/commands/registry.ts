import { addIntegration } from './add-integration.ts';
import { disableIntegration } from './disable-integration.ts';
import { enableIntegration } from './enable-integration.ts';
import { listAudit } from './list-audit.ts';
import { listIntegrations } from './list-integrations.ts';
import { showAccount } from './show-account.ts';
import { showIntegration } from './show-integration.ts';
import { testIntegration } from './test-integration.ts';
import { updateAccount } from './update-account.ts';
import { updateIntegration } from './update-integration.ts';

/** Every use case, once. Faces render from this list so a command appears everywhere or nowhere. */
export const commands = {
  addIntegration,
  updateIntegration,
  showIntegration,
  listIntegrations,
  enableIntegration,
  disableIntegration,
  testIntegration,
  showAccount,
  updateAccount,
  listAudit,
} as const;

export type CommandName = keyof typeof commands;
