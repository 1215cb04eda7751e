import type { ChatResult } from '../../chat/run-chat-command.ts';
import { CHAT_HELP } from '../../../commands/registry.ts';
import type { CommandError } from '../../../core/errors.ts';
import { ERROR_MARK, ERROR_TITLE, ROLES_FOOTER } from '../../../presenters/words.ts';
import type { TeamsMessage } from '../verbs.ts';
import { bot, lines, listWithMore, message, note, phrase, safe, text, type RenderOptions } from './card.ts';
import { renderAlertDestination, renderAlertStatus, renderRoleGranted, renderRoleRevoked, renderRoles } from './result-admin.ts';
import { renderDecision, renderDeleteRequest } from './result-approvals.ts';
import { renderHistory } from './result-history.ts';
import { renderList, renderStateChange, renderSync } from './result-integrations.ts';
import { renderPending } from './result-pending.ts';
import { renderTestReport } from './result-test-report.ts';

/** The reply to a message to the bot, for every result a chat command can produce. */
export function renderResult(result: ChatResult, opts: RenderOptions = {}): TeamsMessage {
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
      return renderDeleteRequest(result.delete, opts);
    case 'pending':
      return renderPending(result.name, result.pending, opts);
    case 'history':
      return renderHistory(result.history, opts);
    case 'approve':
    case 'reject':
      return renderDecision(result.decision, opts);
    case 'alerts':
      return renderAlertDestination(result.destination);
    case 'alerts_status':
      return renderAlertStatus(result.status, opts);
    case 'roles':
      return renderRoles(result.roles, opts);
    case 'role_granted':
      return renderRoleGranted(result.grant, opts);
    case 'role_revoked':
      return renderRoleRevoked(result.revoke, opts);
    default: {
      const unhandled: never = result;
      throw new Error(`no Teams rendering for ${JSON.stringify(unhandled)}`);
    }
  }
}

/** The grammar's problem (already phrased for a person, with `code` marks) comes first. */
export function renderHelp(problem?: string): TeamsMessage {
  const entries = CHAT_HELP.map((e) => `${bot(e.usage)} — ${safe(e.summary)} _(${e.role})_`);
  return message(problem ? `⚠️ ${phrase(problem)}` : 'dirsync commands', [
    ...(problem ? [text(`⚠️ ${phrase(problem)}`, { color: 'warning' })] : []),
    lines(['**dirsync commands**', ...entries]),
    note('In a personal chat with dirsync, the @dirsync mention is not needed: type the command alone.'),
    note(ROLES_FOOTER),
  ]);
}

/** A command that failed: the code as words, the message, and each invalid field with its fix. */
export function renderError(error: CommandError): TeamsMessage {
  const title = `${ERROR_MARK[error.code]} **${ERROR_TITLE[error.code]}**: ${phrase(error.message)}`;
  const issues = listWithMore(error.issues, 20, (i) => `• **${safe(i.field)}**: ${phrase(i.message)}${i.fix !== undefined ? ` — use **${safe(i.fix)}**` : ''}`);
  const hint =
    error.code === 'forbidden'
      ? [note(`${ROLES_FOOTER}. ${bot('roles')} shows who holds which.`)]
      : error.code === 'internal'
        ? [note('The details were logged on the dirsync server.')]
        : [];
  return message(`${ERROR_TITLE[error.code]}: ${phrase(error.message)}`, [
    text(title, { color: error.code === 'internal' ? 'attention' : 'default' }),
    ...(issues.length > 0 ? [lines(issues)] : []),
    ...hint,
  ]);
}
