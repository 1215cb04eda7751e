import type { ChatResult } from '../faces/chat/run-chat-command.ts';
import { presentAlertDestination, presentAlertStatus, presentRoleGranted, presentRoleRevoked, presentRoles } from './admin.ts';
import { presentDecision, presentDeleteRequest } from './decisions.ts';
import { presentHelp } from './help.ts';
import { presentHistory } from './history.ts';
import { presentList, presentStateChange, presentSync } from './integrations.ts';
import type { Message } from './message.ts';
import { presentPending } from './pending.ts';
import { presentTestReport } from './test-report.ts';

/** The reply to a chat command, for every result one can produce; Slack and Teams serialize it. */
export function presentChatResult(result: ChatResult): Message {
  switch (result.verb) {
    case 'help':
      return presentHelp(result.problem);
    case 'list':
      return presentList(result.integrations);
    case 'test':
      return presentTestReport(result.report);
    case 'sync':
      return presentSync(result);
    case 'enable':
    case 'disable':
      return presentStateChange(result.verb, result.change);
    case 'delete':
      return presentDeleteRequest(result.delete);
    case 'pending':
      return presentPending(result.name, result.pending);
    case 'history':
      return presentHistory(result.history);
    case 'approve':
    case 'reject':
      return presentDecision(result.decision);
    case 'alerts':
      return presentAlertDestination(result.destination);
    case 'alerts_status':
      return presentAlertStatus(result.status);
    case 'roles':
      return presentRoles(result.roles);
    case 'role_granted':
      return presentRoleGranted(result.grant);
    case 'role_revoked':
      return presentRoleRevoked(result.revoke);
    default: {
      const unhandled: never = result;
      throw new Error(`no presenter for ${JSON.stringify(unhandled)}`);
    }
  }
}
