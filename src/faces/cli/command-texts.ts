import type { Account } from '../../core/account.ts';
import { approvalSubject, blockerNames, blockingSentence, byKindText, expiryWords, heldBlockerWords, impactText, num, plural, totalOf } from '../../presenters/words.ts';
import type { Decision } from '../../commands/approval/decide.ts';
import type { listPending } from '../../commands/change/list-pending.ts';
import type { requestDelete } from '../../commands/integration/request-delete.ts';
import type { updateIntegration } from '../../commands/integration/update.ts';
import type { IntegrationView } from '../../commands/integration/internal/view.ts';
import type { StateChangeResult } from '../../commands/integration/internal/set-state.ts';
import type { listRoles } from '../../commands/role/list.ts';
import type { grantRole } from '../../commands/role/grant.ts';
import type { revokeRole } from '../../commands/role/revoke.ts';
import type { syncHistory } from '../../commands/sync/history.ts';
import type { listAudit } from '../../commands/audit/list.ts';
import type { listWebUsers } from '../../commands/web-user/list.ts';
import { fields, table, when } from './render.ts';
import { renderIntegration, renderList, renderStateChange, renderWarnings } from './render-integrations.ts';
import { renderHistory } from './render-sync.ts';

type Result<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;

/**
 * How the terminal shows a command's result, where it shows more than the command's presenter
 * (tables, every field). Keyed by command name; a command without an entry is shown through its
 * presenter, so a new command needs nothing here.
 */
export const COMMAND_TEXTS: Record<string, (result: never, input: Record<string, unknown>) => string> = {
  'integration.list': (items: Parameters<typeof renderList>[0]) => renderList(items),
  'integration.show': (view: Parameters<typeof renderIntegration>[0]) => renderIntegration(view),
  'integration.add': (view: IntegrationView) => `Added ${view.name} (${view.kind}, ${view.urls.join(' ')}).\n${renderWarnings(view.warnings)}`,
  'integration.update': (r: Result<typeof updateIntegration>, input) =>
    (r.changed.length === 0 ? `${String(input.name)}: nothing changed.\n` : `Updated ${r.integration.name}: ${r.changed.join(', ')}.\n`) + renderWarnings(r.integration.warnings),
  'integration.enable': (r: StateChangeResult) => renderStateChange(r, 'enabled'),
  'integration.disable': (r: StateChangeResult) => renderStateChange(r, 'disabled'),
  'integration.request_delete': (r: Result<typeof requestDelete>) =>
    `${r.created ? 'Requested' : 'Already requested'}: delete ${r.integration} as request #${r.request.id} (by ${r.request.requestedBy}, expires ${when(r.request.expiresAt.toISOString())}).\n` +
    fields([['impact', impactText(r.request.impact)]]) +
    `Another admin approves with: dirsync approve ${r.request.id}\n`,
  'sync.history': (r: Result<typeof syncHistory>) => renderHistory(r.integration, r.runs),
  'change.list_pending': (r: Result<typeof listPending>) => pendingText(r, new Date()),
  'approval.approve': (d: Decision) => decided(d),
  'approval.reject': (d: Decision) => decided(d),
  'role.list': (r: Result<typeof listRoles>) =>
    r.bindings.length === 0
      ? 'No roles granted: everyone in chat and on the dashboard is a viewer. Grant one with: dirsync roles grant slack:U0123ABCD admin\n'
      : table(['IDENTITY', 'ROLE', 'GRANTED BY', 'GRANTED AT'], r.bindings.map((b) => [b.identity, b.role, b.grantedBy, b.grantedAt])),
  'role.grant': (r: Result<typeof grantRole>) => `${r.identity} is now ${r.role}${r.previous && r.previous !== r.role ? ` (was ${r.previous})` : ''}.\n`,
  'role.revoke': (r: Result<typeof revokeRole>) => `${r.identity} is no longer ${r.previous}; without a role they are a viewer.\n`,
  'account.show': (a: Account) => accountText(a),
  'account.update': (a: Account) => `Updated.\n${accountText(a)}`,
  'audit.list': (rows: Result<typeof listAudit>) =>
    rows.length === 0
      ? 'No audit entries match.\n'
      : table(['ID', 'WHEN', 'ACTOR', 'ACTION', 'TARGET', 'OUTCOME'], rows.map((r) => [String(r.id), when(r.at.toISOString()), r.actor, r.action, r.target ?? '—', r.outcome])),
  'web_user.list': (r: Result<typeof listWebUsers>) =>
    r.users.length === 0
      ? 'No dashboard users yet. Add one with: dirsync users add <login> --role admin (the password is read from standard input)\n'
      : table(['LOGIN', 'ROLE', 'CREATED BY', 'CREATED AT'], r.users.map((u) => [u.login, u.role ?? 'viewer (no role)', u.createdBy, when(u.createdAt)])),
  'web_user.add': (r: { login: string; role: string }) => `Dashboard user ${r.login} added as ${r.role}.\n`,
  'web_user.remove': (r: { login: string; sessionsEnded: number }) => `Dashboard user ${r.login} removed${r.sessionsEnded > 0 ? `; ${r.sessionsEnded} session(s) ended` : ''}.\n`,
  'web_user.set_password': (r: { login: string; sessionsEnded: number }) => `Password of ${r.login} changed${r.sessionsEnded > 0 ? `; ${r.sessionsEnded} session(s) signed out` : ''}.\n`,
};

const accountText = (a: Account) =>
  `${a.name}\n` +
  fields([
    ['time zone', a.timeZone],
    ['approval above', `${a.deletionThresholdCount} objects or ${a.deletionThresholdPercent} % of an integration's active users`],
    ['lingering after', `${a.lingeringHours} h`],
  ]);

function pendingText(report: Result<typeof listPending>, now: Date): string {
  const out: string[] = [];
  for (const c of report.changes) {
    const who = c.blockedBy.map((b) => heldBlockerWords(b).join('')).join(', ');
    out.push(c.status === 'held'
      ? `${c.integration}: ${num(c.total)} held (${byKindText(c.byKind)}) since ${when(c.since)}, blocked by ${who}\n`
      : `${c.integration}: ${num(c.total)} awaiting approval (${byKindText(c.byKind)}), request #${c.approvalRequest}\n`);
  }
  for (const a of report.approvals) out.push(`request #${a.id}: ${approvalSubject(a.kind, a.integration, a.impact).join('')} (${impactText(a.impact)}), by ${a.requestedBy}, expires ${when(a.expiresAt)}\n`);
  for (const l of report.lingering) {
    const blocker = { integration: l.integration, state: l.state, since: l.since, blocking: l.blocks.total, integrations: l.blocks.integrations };
    out.push(`warning: ${blockingSentence(blocker, now).join('')} (${byKindText(l.blocks.byKind)}): ${l.blocks.integrations.join(', ')}\n`);
  }
  for (const c of report.certificates) out.push(`warning: the certificate of ${c.integration} (${c.subject}) ${expiryWords(c.daysLeft)}\n`);
  return out.length ? out.join('') : 'Nothing pending.\n';
}

function decided(d: Decision): string {
  const r = d.request;
  const verb = r.status === 'approved' ? 'Approved' : r.status === 'cancelled' ? 'Withdrawn' : 'Rejected';
  const held = `The changes are held while ${blockerNames(d.blockedBy).join('')} disabled or in error; they apply once ${d.blockedBy.length === 1 ? 'it recovers' : 'they recover'}.\n`;
  return (
    `${verb} request #${r.id} (${approvalSubject(r.kind, d.integration, r.impact).join('')}) as ${r.decidedBy}.\n` +
    (r.status !== 'approved' ? '' : d.blockedBy.length ? held : `Applied ${plural(totalOf(d.applied), 'change')} (${byKindText(d.applied)}).\n`)
  );
}
