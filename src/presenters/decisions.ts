import type { Decision } from '../commands/approval/decide.ts';
import type { DeleteRequested } from '../commands/integration/request-delete.ts';
import { at, bold, command, message, note, quote, rich, text, who, type Message, type Rich } from './message.ts';
import { approvalSubject, blockerNames, byKindText, impactText, totalOf } from './words.ts';


/** `delete <name>`: never a deletion, a request; the card with the buttons is posted on its own. */
export function presentDeleteRequest(d: DeleteRequested): Message {
  const r = d.request;
  const name = bold(d.integration);
  const first = d.created
    ? rich`🗑️ Deletion of ${name} requested as #${r.id}.`
    : rich`🗑️ A deletion request for ${name} already exists: #${r.id}, requested by ${who(r.requestedBy)} ${at(r.requestedAt)}. Nothing new was raised.`;
  const kinds = totalOf(r.impact.byKind) > 0 ? [[`As destructive changes: ${byKindText(r.impact.byKind)}.`]] : [];
  return message(rich`Deletion of ${d.integration} requested as #${r.id}`, [
    text(first),
    text([rich`${bold('Impact:')} deleting it removes ${impactText(r.impact)} from dirsync.`, ...kinds]),
    text(
      rich`An admin other than ${who(r.requestedBy)} must approve it: the approval card with Approve and Reject buttons is posted separately, or use ${command(`approve ${r.id}`)}. Nothing is deleted until then; unanswered, the request expires ${at(r.expiresAt)}.`,
    ),
    note(rich`Changed your mind? ${command(`reject ${r.id}`)} withdraws it.`),
  ]);
}

/** `approve` / `reject`: who decided what, and for an approval what it set in motion. */
export function presentDecision(d: Decision): Message {
  const r = d.request;
  const subject = approvalSubject(r.kind, d.integration, r.impact, bold);
  const plain = rich`#${r.id} (${approvalSubject(r.kind, d.integration, r.impact)})`;
  const by = rich`${r.decidedBy ? who(r.decidedBy) : 'someone'}${r.decidedAt && rich` ${at(r.decidedAt)}`}`;
  const withNote = (line: Rich): Rich[] => (r.note ? [line, [quote(r.note)]] : [line]);
  if (r.status === 'cancelled') {
    return message(rich`Withdrew request ${plain}`, [text(withNote(rich`↩️ Withdrew request #${r.id} to ${subject}. Nothing was changed.`))]);
  }
  if (r.status !== 'approved') {
    const what = r.status === 'rejected' ? 'Rejected' : `Request is ${r.status}:`;
    return message(rich`Request ${plain} ${r.status} by ${by}`, [text(withNote(rich`❌ ${what} #${r.id} to ${subject}, by ${by}. Nothing was changed.`))]);
  }
  const held = d.blockedBy.length > 0;
  return message(rich`Approved ${plain} by ${by}${held && ': still held by blocking integrations'}`, [
    text([
      rich`✅ Approved #${r.id} to ${subject}, by ${by}.`,
      ...(r.kind === 'delete_integration' ? [rich`${bold(d.integration)} is deleted; its ${impactText(r.impact)} leave through the gate like any destructive change.`] : []),
      [totalOf(d.applied) > 0 ? `Applied now: ${byKindText(d.applied)}.` : 'Nothing was applied yet.'],
      ...(held ? [rich`⏸ Still held while ${blockerNames(d.blockedBy, bold)} disabled or in error: the approved changes apply once ${d.blockedBy.length === 1 ? 'it recovers' : 'they recover'}.`] : []),
    ]),
  ]);
}
