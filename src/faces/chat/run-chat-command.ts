import type { ChatCommand } from '../../core/command-grammar.ts';
import { CommandError } from '../../core/errors.ts';
import type { TestReport } from '../../core/test-report.ts';
import type { CommandContext } from '../../commands/context.ts';
import { approveRequest, rejectRequest, type Decision } from '../../commands/approval/decide.ts';
import { disableIntegration } from '../../commands/integration/disable.ts';
import { enableIntegration } from '../../commands/integration/enable.ts';
import { grantRole } from '../../commands/role/grant.ts';
import { listIntegrations } from '../../commands/integration/list.ts';
import { listPending } from '../../commands/change/list-pending.ts';
import { listRoles } from '../../commands/role/list.ts';
import { requestDelete } from '../../commands/integration/request-delete.ts';
import { requestSync, type RequestedRun } from '../../commands/sync/request.ts';
import { revokeRole } from '../../commands/role/revoke.ts';
import type { StateChangeResult } from '../../commands/integration/internal/set-state.ts';
import { setAlertDestination } from '../../commands/alert/set-destination.ts';
import { showAlertDestination } from '../../commands/alert/show-destination.ts';
import { syncHistory } from '../../commands/sync/history.ts';
import { testIntegration } from '../../commands/integration/test.ts';

type Result<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;

/** What a chat command produced; each chat face renders every case (Block Kit, Adaptive Cards). */
export type ChatResult =
  | { verb: 'help'; problem?: string }
  | { verb: 'list'; integrations: Result<typeof listIntegrations> }
  | { verb: 'test'; report: TestReport }
  | { verb: 'sync'; runs: RequestedRun[]; all: boolean }
  | { verb: 'enable' | 'disable'; change: StateChangeResult }
  | { verb: 'delete'; delete: Result<typeof requestDelete> }
  | { verb: 'pending'; name: string | null; pending: Result<typeof listPending> }
  | { verb: 'history'; history: Result<typeof syncHistory> }
  | { verb: 'approve' | 'reject'; decision: Decision }
  | { verb: 'alerts'; destination: Result<typeof setAlertDestination> }
  | { verb: 'alerts_status'; status: Result<typeof showAlertDestination> }
  | { verb: 'roles'; roles: Result<typeof listRoles> }
  | { verb: 'role_granted'; grant: Result<typeof grantRole> }
  | { verb: 'role_revoked'; revoke: Result<typeof revokeRole> };

/**
 * Runs one parsed chat command through the use cases, the same for Slack and Teams. Commands
 * check roles and input themselves; this only maps words to calls. Errors are CommandErrors.
 */
export async function runChatCommand(ctx: CommandContext, command: ChatCommand): Promise<ChatResult> {
  switch (command.verb) {
    case 'help':
      return command.problem ? { verb: 'help', problem: command.problem } : { verb: 'help' };
    case 'list':
      return { verb: 'list', integrations: await listIntegrations({ ctx, input: {} }) };
    case 'test':
      return { verb: 'test', report: await testIntegration({ ctx, input: { name: command.name } }) };
    case 'sync':
      return { verb: 'sync', all: false, ...(await requestSync({ ctx, input: { name: command.name } })) };
    case 'sync_all':
      return { verb: 'sync', all: true, ...(await requestSync({ ctx, input: { all: true } })) };
    case 'enable':
      return { verb: 'enable', change: await enableIntegration({ ctx, input: { name: command.name } }) };
    case 'disable':
      return { verb: 'disable', change: await disableIntegration({ ctx, input: { name: command.name, ...(command.reason && { reason: command.reason }) } }) };
    case 'delete':
      return { verb: 'delete', delete: await requestDelete({ ctx, input: { name: command.name } }) };
    case 'pending':
      return { verb: 'pending', name: command.name ?? null, pending: await listPending({ ctx, input: command.name ? { name: command.name } : {} }) };
    case 'history':
      return { verb: 'history', history: await syncHistory({ ctx, input: { name: command.name, limit: 10 } }) };
    case 'approve':
      return { verb: 'approve', decision: await approveRequest({ ctx, input: { id: command.id } }) };
    case 'reject':
      return { verb: 'reject', decision: await rejectRequest({ ctx, input: { id: command.id, ...(command.note && { note: command.note }) } }) };
    case 'alerts':
      if (command.mode === 'status') {
        if (!ctx.origin) throw new CommandError('failed_precondition', '`alerts` is asked in a chat channel');
        return { verb: 'alerts_status', status: await showAlertDestination({ ctx, input: { platform: ctx.origin.platform } }) };
      }
      return { verb: 'alerts', destination: await setAlertDestination({ ctx, input: { mode: command.mode } }) };
    case 'roles':
      if (command.action === 'grant') return { verb: 'role_granted', grant: await grantRole({ ctx, input: { identity: command.identity, role: command.role } }) };
      if (command.action === 'revoke') return { verb: 'role_revoked', revoke: await revokeRole({ ctx, input: { identity: command.identity } }) };
      return { verb: 'roles', roles: await listRoles({ ctx, input: {} }) };
  }
}
