import type { ChatResult } from '../../../commands/chat-command.ts';
import { CHAT_HELP } from '../../../core/command-grammar.ts';
import type { CommandError, ErrorCode } from '../../../core/errors.ts';
import type { SlackMessage } from '../actions.ts';
import { code, context, escape, listWithMore, message, section, sections } from './blocks.ts';
import { renderAlertDestination, renderAlertStatus, renderRoleGranted, renderRoleRevoked, renderRoles, ROLES_FOOTER } from './result-admin.ts';
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

const TITLE: Record<ErrorCode, string> = {
  not_found: 'Not found',
  forbidden: 'Not allowed',
  validation: 'Invalid input',
  failed_precondition: 'Cannot do that now',
  conflict: 'Conflict: someone else changed it first',
  unavailable: 'Unavailable: try again in a moment',
  internal: 'Something went wrong inside dirsync',
};

const MARK: Record<ErrorCode, string> = {
  not_found: '🔍',
  forbidden: '🚫',
  validation: '⚠️',
  failed_precondition: '✋',
  conflict: '🔀',
  unavailable: '⏳',
  internal: '💥',
};

/** A command that failed: the code as words, the message, and each invalid field with its fix. */
export function renderError(error: CommandError): SlackMessage {
  const title = `${MARK[error.code]} *${TITLE[error.code]}*: ${escape(error.message)}`;
  const issues = listWithMore(error.issues, 20, (i) => `• ${code(i.field)}: ${escape(i.message)}${i.fix !== undefined ? ` — use ${code(i.fix)}` : ''}`);
  const hint =
    error.code === 'forbidden'
      ? [context(`${ROLES_FOOTER}. ${code('/dirsync roles')} shows who holds which.`)]
      : error.code === 'internal'
        ? [context('The details were logged on the dirsync server.')]
        : [];
  return message(`${TITLE[error.code]}: ${escape(error.message)}`, [section(title), ...sections(issues), ...hint]);
}
