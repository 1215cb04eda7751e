import type { ChatResult } from '../../chat/run-chat-command.ts';
import { CHAT_HELP } from '../../../commands/registry.ts';
import type { CommandError } from '../../../core/errors.ts';
import { ERROR_MARK, ERROR_TITLE, ROLES_FOOTER } from '../../../presenters/words.ts';
import type { SlackMessage } from '../actions.ts';
import { code, context, escape, listWithMore, message, section, sections } from './blocks.ts';
import { renderAlertDestination, renderAlertStatus, renderRoleGranted, renderRoleRevoked, renderRoles } from './result-admin.ts';
import { renderDecision, renderDeleteRequest } from './result-approvals.ts';
import { renderHistory } from './result-history.ts';
import { renderList, renderStateChange, renderSync } from './result-integrations.ts';
import { renderPending } from './result-pending.ts';
import { renderTestReport } from './result-test-report.ts';

/** The reply to a `/dirsync …` command, for every result a chat command can produce. */
export function renderResult(result: ChatResult): SlackMessage {
  switch (result.verb) {
    case 'help':
      return renderHelp(result.problem);
    case 'list':
      return renderList(result.integrations);
    case 'test':
      return renderTestReport(result.report);
    case 'sync':
      return renderSync(result);
    case 'enable':
    case 'disable':
      return renderStateChange(result.verb, result.change);
    case 'delete':
      return renderDeleteRequest(result.delete);
    case 'pending':
      return renderPending(result.name, result.pending);
    case 'history':
      return renderHistory(result.history);
    case 'approve':
    case 'reject':
      return renderDecision(result.decision);
    case 'alerts':
      return renderAlertDestination(result.destination);
    case 'alerts_status':
      return renderAlertStatus(result.status);
    case 'roles':
      return renderRoles(result.roles);
    case 'role_granted':
      return renderRoleGranted(result.grant);
    case 'role_revoked':
      return renderRoleRevoked(result.revoke);
    default: {
      const unhandled: never = result;
      throw new Error(`no Slack rendering for ${JSON.stringify(unhandled)}`);
    }
  }
}

/** The grammar's problem (already phrased for a person, with `code` marks) comes first. */
export function renderHelp(problem?: string): SlackMessage {
  const lines = CHAT_HELP.map((e) => `${code(`/dirsync ${e.usage}`)} — ${escape(e.summary)} _(${e.role})_`);
  return message(problem ? `⚠️ ${escape(problem)}` : 'dirsync commands', [
    ...(problem ? [section(`⚠️ ${escape(problem)}`)] : []),
    ...sections(['*dirsync commands*', ...lines]),
    context(ROLES_FOOTER),
  ]);
}

/** A command that failed: the code as words, the message, and each invalid field with its fix. */
export function renderError(error: CommandError): SlackMessage {
  const title = `${ERROR_MARK[error.code]} *${ERROR_TITLE[error.code]}*: ${escape(error.message)}`;
  const issues = listWithMore(error.issues, 20, (i) => `• ${code(i.field)}: ${escape(i.message)}${i.fix !== undefined ? ` — use ${code(i.fix)}` : ''}`);
  const hint =
    error.code === 'forbidden'
      ? [context(`${ROLES_FOOTER}. ${code('/dirsync roles')} shows who holds which.`)]
      : error.code === 'internal'
        ? [context('The details were logged on the dirsync server.')]
        : [];
  return message(`${ERROR_TITLE[error.code]}: ${escape(error.message)}`, [section(title), ...sections(issues), ...hint]);
}
