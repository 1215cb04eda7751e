import type { ChatResult } from '../../chat/run-chat-command.ts';
import type { Decision } from '../../../commands/approval/decide.ts';
import type { SlackMessage } from '../actions.ts';
import { code, context, escape, message, section, when, who } from './blocks.ts';
import { approvalSubject, blockerNames, byKindText, impactText, totalOf } from './words.ts';

type DeleteRequested = Extract<ChatResult, { verb: 'delete' }>['delete'];

/** `delete <name>`: never a deletion, a request; the card with the buttons is posted on its own. */
export function renderDeleteRequest(d: DeleteRequested): SlackMessage {
  const r = d.request;
  const name = `*${escape(d.integration)}*`;
  const first = d.created
    ? `🗑️ Deletion of ${name} requested as #${r.id}.`
    : `🗑️ A deletion request for ${name} already exists: #${r.id}, requested by ${who(r.requestedBy)} ${when(r.requestedAt)}. Nothing new was raised.`;
  const kinds = totalOf(r.impact.byKind) > 0 ? `\nAs destructive changes: ${byKindText(r.impact.byKind)}.` : '';
  return message(`Deletion of ${escape(d.integration)} requested as #${r.id}`, [
    section(first),
    section(`*Impact:* deleting it removes ${impactText(r.impact)} from dirsync.${kinds}`),
    section(
      `An admin other than ${who(r.requestedBy)} must approve it: the approval card with Approve and Reject buttons is posted separately, or use ${code(`/dirsync approve ${r.id}`)}. ` +
        `Nothing is deleted until then; unanswered, the request expires ${when(r.expiresAt)}.`,
    ),
    context(`Changed your mind? ${code(`/dirsync reject ${r.id}`)} withdraws it.`),
  ]);
}

/** `approve` / `reject`: who decided what, and for an approval what it set in motion. */
export function renderDecision(d: Decision): SlackMessage {
  const r = d.request;
  const subject = approvalSubject(r.kind, `*${escape(d.integration)}*`, r.impact);
  const plain = `#${r.id} (${approvalSubject(r.kind, escape(d.integration), r.impact)})`;
  const by = `${r.decidedBy ? who(r.decidedBy) : 'someone'}${r.decidedAt ? ` ${when(r.decidedAt)}` : ''}`;
  const note = r.note ? `\n> ${escape(r.note)}` : '';
  if (r.status === 'cancelled') {
    return message(`Withdrew request ${plain}`, [section(`↩️ Withdrew request #${r.id} to ${subject}. Nothing was changed.${note}`)]);
  }
  if (r.status !== 'approved') {
    return message(`Request ${plain} ${r.status} by ${by}`, [section(`❌ ${r.status === 'rejected' ? 'Rejected' : `Request is ${r.status}:`} #${r.id} to ${subject}, by ${by}. Nothing was changed.${note}`)]);
  }
  const lines = [`✅ Approved #${r.id} to ${subject}, by ${by}.`];
  if (r.kind === 'delete_integration') {
    lines.push(`*${escape(d.integration)}* is deleted; its ${impactText(r.impact)} leave through the gate like any destructive change.`);
  }
  const applied = totalOf(d.applied);
  lines.push(applied > 0 ? `Applied now: ${byKindText(d.applied)}.` : 'Nothing was applied yet.');
  if (d.blockedBy.length > 0) {
    lines.push(`⏸ Still held while ${blockerNames(d.blockedBy)} disabled or in error: the approved changes apply once ${d.blockedBy.length === 1 ? 'it recovers' : 'they recover'}.`);
  }
  return message(`Approved ${plain} by ${by}${d.blockedBy.length > 0 ? ': still held by blocking integrations' : ''}`, [section(lines.join('\n'))]);
}
