import type { ChatResult } from '../../chat/run-chat-command.ts';
import type { Decision } from '../../../commands/approval/decide.ts';
import { approvalSubject, blockerNames, byKindText, impactText, totalOf } from '../../../presenters/words.ts';
import type { TeamsMessage } from '../verbs.ts';
import { bold, bot, message, note, quoted, safe, text, when, who, type RenderOptions } from './card.ts';

type DeleteRequested = Extract<ChatResult, { verb: 'delete' }>['delete'];

/** `delete <name>`: never a deletion, a request; the card with the buttons is posted on its own. */
export function renderDeleteRequest(d: DeleteRequested, opts: RenderOptions = {}): TeamsMessage {
  const r = d.request;
  const name = bold(d.integration);
  const requester = who(r.requestedBy, opts.names);
  const first = d.created
    ? `🗑️ Deletion of ${name} requested as #${r.id}.`
    : `🗑️ A deletion request for ${name} already exists: #${r.id}, requested by ${requester} ${when(r.requestedAt)}. Nothing new was raised.`;
  const kinds = totalOf(r.impact.byKind) > 0 ? `\n\nAs destructive changes: ${byKindText(r.impact.byKind)}.` : '';
  return message(`Deletion of ${safe(d.integration)} requested as #${r.id}`, [
    text(first),
    text(`**Impact:** deleting it removes ${impactText(r.impact)} from dirsync.${kinds}`),
    text(
      `An admin other than ${requester} must approve it: the approval card with Approve and Reject buttons is posted separately, or use ${bot(`approve ${r.id}`)}. ` +
        `Nothing is deleted until then; unanswered, the request expires ${when(r.expiresAt)}.`,
    ),
    note(`Changed your mind? ${bot(`reject ${r.id}`)} withdraws it.`),
  ]);
}

/** `approve` / `reject`: who decided what, and for an approval what it set in motion. */
export function renderDecision(d: Decision, opts: RenderOptions = {}): TeamsMessage {
  const r = d.request;
  const subject = approvalSubject(r.kind, bold(d.integration), r.impact);
  const plain = `#${r.id} (${approvalSubject(r.kind, safe(d.integration), r.impact)})`;
  const by = `${r.decidedBy ? who(r.decidedBy, opts.names) : 'someone'}${r.decidedAt ? ` ${when(r.decidedAt)}` : ''}`;
  const withNote = r.note ? `\n\n${quoted(r.note)}` : '';
  if (r.status === 'cancelled') {
    return message(`Withdrew request ${plain}`, [text(`↩️ Withdrew request #${r.id} to ${subject}. Nothing was changed.${withNote}`)]);
  }
  if (r.status !== 'approved') {
    const what = r.status === 'rejected' ? 'Rejected' : `Request is ${r.status}:`;
    return message(`Request ${plain} ${r.status} by ${by}`, [text(`❌ ${what} #${r.id} to ${subject}, by ${by}. Nothing was changed.${withNote}`)]);
  }
  const paragraphs = [`✅ Approved #${r.id} to ${subject}, by ${by}.`];
  if (r.kind === 'delete_integration') {
    paragraphs.push(`${bold(d.integration)} is deleted; its ${impactText(r.impact)} leave through the gate like any destructive change.`);
  }
  paragraphs.push(totalOf(d.applied) > 0 ? `Applied now: ${byKindText(d.applied)}.` : 'Nothing was applied yet.');
  if (d.blockedBy.length > 0) {
    paragraphs.push(`⏸ Still held while ${blockerNames(d.blockedBy, bold)} disabled or in error: the approved changes apply once ${d.blockedBy.length === 1 ? 'it recovers' : 'they recover'}.`);
  }
  return message(`Approved ${plain} by ${by}${d.blockedBy.length > 0 ? ': still held by blocking integrations' : ''}`, [text(paragraphs.join('\n\n'))]);
}
