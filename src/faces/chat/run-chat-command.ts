import { parseCommandLine, type GrammarOptions, type ParsedLine } from '../../core/command-grammar.ts';
import type { TestReport } from '../../core/test-report.ts';
import type { CommandContext } from '../../commands/context.ts';
import { entriesFor, entryById, inputOf, runEntry } from '../../commands/registry.ts';
import type { Decision } from '../../commands/approval/decide.ts';
import type { disableIntegration } from '../../commands/integration/disable.ts';
import type { enableIntegration } from '../../commands/integration/enable.ts';
import type { grantRole } from '../../commands/role/grant.ts';
import type { listIntegrations } from '../../commands/integration/list.ts';
import type { listPending } from '../../commands/change/list-pending.ts';
import type { listRoles } from '../../commands/role/list.ts';
import type { requestDelete } from '../../commands/integration/request-delete.ts';
import type { RequestedRun } from '../../commands/sync/request.ts';
import type { revokeRole } from '../../commands/role/revoke.ts';
import type { StateChangeResult } from '../../commands/integration/internal/set-state.ts';
import type { setAlertDestination } from '../../commands/alert/set-destination.ts';
import type { showAlertDestination } from '../../commands/alert/show-destination.ts';
import type { syncHistory } from '../../commands/sync/history.ts';
import type { testIntegration } from '../../commands/integration/test.ts';

type Result<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;

/** What a chat command produced; each chat face renders every case (Block Kit, Adaptive Cards). */
export type ChatResult = (
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
  | { verb: 'role_revoked'; revoke: Result<typeof revokeRole> }) & {
  /** Posted for the channel to see (who changed what); reads stay private. */
  inChannel?: boolean;
};

/** Reads a chat line against every command the registry offers in chat. */
export function parseChat(text: string, opts: GrammarOptions = {}): ParsedLine {
  return parseCommandLine(text, entriesFor('chat'), opts);
}

/**
 * Runs one parsed chat command through its use case, the same for Slack and Teams. Commands
 * check roles and input themselves; this only maps words to calls. Errors are CommandErrors.
 */
export async function runChatCommand(ctx: CommandContext, parsed: ParsedLine): Promise<ChatResult> {
  if (parsed.kind === 'help') return parsed.problem ? { verb: 'help', problem: parsed.problem } : { verb: 'help' };
  const entry = entryById(parsed.id);
  if (!entry) throw new Error(`the grammar returned ${parsed.id}, which the registry does not hold`);
  const input = inputOf(entry, entry.id === 'history' ? { limit: 10, ...parsed.values } : parsed.values);
  const result = await runEntry(entry, ctx, input);
  return { ...asChatResult(entry.id, input, result as never), ...(entry.spec.inChannel && { inChannel: true }) };
}

// What each command's result is called for the chat renderers.
function asChatResult(id: string, input: Record<string, unknown>, result: never): ChatResult {
  switch (id) {
    case 'list': return { verb: 'list', integrations: result };
    case 'test': return { verb: 'test', report: result };
    case 'sync': case 'sync all': return { verb: 'sync', all: id === 'sync all', ...(result as object) } as ChatResult;
    case 'enable': case 'disable': return { verb: id, change: result };
    case 'delete': return { verb: 'delete', delete: result };
    case 'pending': return { verb: 'pending', name: (input.name as string | undefined) ?? null, pending: result };
    case 'history': return { verb: 'history', history: result };
    case 'approve': case 'reject': return { verb: id, decision: result };
    case 'alerts': return { verb: 'alerts_status', status: result };
    case 'alerts here': case 'alerts off': return { verb: 'alerts', destination: result };
    case 'roles': return { verb: 'roles', roles: result };
    case 'roles grant': return { verb: 'role_granted', grant: result };
    case 'roles revoke': return { verb: 'role_revoked', revoke: result };
    default: throw new Error(`no chat result for ${id}`);
  }
}
