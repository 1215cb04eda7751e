import type { ApprovalEvent, NotificationPayload } from '../core/alerts.ts';
import type { ApprovalView } from '../core/sync-ports.ts';
import { button } from './buttons.ts';
import { changeList } from './change-items.ts';
import { at, bold, command, heading, message, note, quote, rich, text, who, type Message, type Part, type Rich, type Tone } from './message.ts';
import { approvalSettledLine } from './thread-lines.ts';
import { approvalSubject, byKindLines, impactText, plural, totalOf } from './words.ts';

/** "Approval #12: delete integration corp-old": the card's heading. */
const title = (a: ApprovalView) => rich`Approval #${a.id}: ${approvalSubject(a.kind, a.integration, a.impact)}`;

function impact(a: ApprovalView): Part {
  const what = a.kind === 'delete_integration' ? `Deleting it removes ${impactText(a.impact)} from dirsync.` : `Touches ${impactText(a.impact)}.`;
  const kinds = totalOf(a.impact.byKind) > 0 ? byKindLines(a.impact.byKind) : [];
  const run = a.runId !== null ? [`Derived by sync #${a.runId}, over the account's deletion threshold.`] : [];
  return text([rich`${bold('Impact:')} ${what}`, ...[...kinds, ...run].map((line) => [line])]);
}

/** Who a pending request would touch, named (the dashboard's approval page lists them all). */
function whoList(a: ApprovalView): Part[] {
  if (!a.changes || a.changes.total === 0) return [];
  const title = [bold(a.kind === 'delete_integration' ? 'What deleting it removes:' : 'What approving it does:')];
  return [changeList(a.changes, { title, hint: rich`the dashboard's approval page lists them all` })];
}

const withNote = (line: Rich, a: ApprovalView): Rich[] => (a.note ? [line, [quote(a.note)]] : [line]);

const SETTLED_TONE: Partial<Record<ApprovalView['status'], Tone>> = { approved: 'good', rejected: 'bad' };

/**
 * The approval card: a view of the request row. Pending, it has the buttons; once settled the
 * buttons are gone and the first line says who settled it, so a late click has nothing to press.
 */
export function presentApproval(a: ApprovalView, opts: { now: Date }): Message {
  const requested = note(rich`Requested by ${who(a.requestedBy)} ${at(a.requestedAt)} · request #${a.id}`);
  const settled = approvalSettledLine(a);
  if (settled) return message(rich`${settled}: ${title(a)}`, [text(withNote(settled, a), { strong: true, tone: SETTLED_TONE[a.status] ?? 'neutral' }), heading(title(a)), impact(a), requested]);

  const expiry = a.expiresAt <= opts.now ? rich`It expired ${at(a.expiresAt)}: treated as a no.` : rich`Expires ${at(a.expiresAt)}; unanswered, it is treated as a no.`;
  const consequence = a.kind === 'delete_integration' ? 'the integration and everything it synced leave dirsync' : `${plural(totalOf(a.impact.byKind), 'destructive change')} are applied`;
  const [first, ...rest] = approvalSubject(a.kind, a.integration, a.impact, bold);
  const subject = rich`${String(first).replace(/^./, (c) => c.toUpperCase())}${rest}`;
  return message(
    title(a),
    [
      heading(title(a)),
      impact(a),
      ...whoList(a),
      text(rich`🔐 An admin other than ${who(a.requestedBy)} must approve. ${expiry}`),
      requested,
      note(rich`Or type ${command(`approve ${a.id}`)} or ${command(`reject ${a.id} [note]`)}.`),
    ],
    [button('approve', a.id, rich`${subject}: ${consequence} (${impactText(a.impact)}). This cannot be undone.`), button('reject', a.id)],
  );
}

/** The thread reply for an event of the request; `created` has none (the card itself is the news). */
export function presentApprovalThread(a: ApprovalView, event: ApprovalEvent, payload: NotificationPayload): Message | null {
  let lines: Rich[];
  switch (event) {
    case 'created':
      return null;
    case 'updated': {
      const total = totalOf(a.impact.byKind);
      lines = [rich`🔄 Impact changed: ${impactText(a.impact)}${total > 0 && ` (${plural(total, 'destructive change')})`}`];
      break;
    }
    case 'decided':
    case 'expired':
      lines = withNote(approvalSettledLine(a) ?? rich`Request #${a.id} is still pending`, a);
      break;
    default: {
      const unknown: never = event;
      throw new Error(`unknown approval event ${String(unknown)}`);
    }
  }
  return message(lines[0]!, [text([...lines, ...(payload.note ? [[payload.note]] : [])])]);
}
