import type { Decision } from '../../src/commands/approval/decide.ts';
import type { AlertDestinationSet } from '../../src/commands/alert/set-destination.ts';
import type { AlertDestinationStatus } from '../../src/commands/alert/show-destination.ts';
import type { PendingReport } from '../../src/commands/change/list-pending.ts';
import type { StateChangeResult } from '../../src/commands/integration/internal/set-state.ts';
import type { ListedIntegration } from '../../src/commands/integration/list.ts';
import type { DeleteRequested } from '../../src/commands/integration/request-delete.ts';
import { CHAT_HELP, entryById } from '../../src/commands/registry.ts';
import type { RoleGranted } from '../../src/commands/role/grant.ts';
import type { RoleList } from '../../src/commands/role/list.ts';
import type { RoleRevoked } from '../../src/commands/role/revoke.ts';
import type { SyncHistory } from '../../src/commands/sync/history.ts';
import type { RequestedRun } from '../../src/commands/sync/request.ts';
import type { TestReport } from '../../src/core/test-report.ts';
import { presentHelp } from '../../src/presenters/help.ts';
import type { Message } from '../../src/presenters/message.ts';

/** A chat command's result as the fixtures hold it: which command (by what it is called) and what it returned. */
export type ChatResult =
  | { verb: 'help'; problem?: string }
  | { verb: 'list'; integrations: ListedIntegration[] }
  | { verb: 'test'; report: TestReport }
  | { verb: 'sync'; runs: RequestedRun[]; all: boolean }
  | { verb: 'enable' | 'disable'; change: StateChangeResult }
  | { verb: 'delete'; delete: DeleteRequested }
  | { verb: 'pending'; name: string | null; pending: PendingReport }
  | { verb: 'history'; history: SyncHistory }
  | { verb: 'approve' | 'reject'; decision: Decision }
  | { verb: 'alerts'; destination: AlertDestinationSet }
  | { verb: 'alerts_status'; status: AlertDestinationStatus }
  | { verb: 'roles'; roles: RoleList }
  | { verb: 'role_granted'; grant: RoleGranted }
  | { verb: 'role_revoked'; revoke: RoleRevoked };

/** The registry entry that answers a fixture, its result and its input. */
function asEntry(r: ChatResult): [id: string, result: unknown, input: Record<string, unknown>] {
  switch (r.verb) {
    case 'help': throw new Error('help has no entry');
    case 'list': return ['list', r.integrations, {}];
    case 'test': return ['test', r.report, {}];
    case 'sync': return [r.all ? 'sync all' : 'sync', { runs: r.runs }, {}];
    case 'enable': case 'disable': return [r.verb, r.change, {}];
    case 'delete': return ['delete', r.delete, {}];
    case 'pending': return ['pending', r.pending, r.name ? { name: r.name } : {}];
    case 'history': return ['history', r.history, {}];
    case 'approve': case 'reject': return [r.verb, r.decision, {}];
    case 'alerts': return [`alerts ${r.destination.mode}`, r.destination, {}];
    case 'alerts_status': return ['alerts', r.status, {}];
    case 'roles': return ['roles', r.roles, {}];
    case 'role_granted': return ['roles grant', r.grant, {}];
    case 'role_revoked': return ['roles revoke', r.revoke, {}];
  }
}

/** What chat answers a fixture with: the registry entry's own presenter, as the chat faces call it. */
export function presentChatResult(r: ChatResult): Message {
  if (r.verb === 'help') return presentHelp(CHAT_HELP, r.problem);
  const [id, result, input] = asEntry(r);
  const present = entryById(id)?.spec.present;
  if (!present) throw new Error(`the registry has no chat presenter for ${id}`);
  return present(result, input);
}
