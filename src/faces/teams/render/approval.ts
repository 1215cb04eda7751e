import { approvalSettledLine } from '../../chat/lines.ts';
import type { ApprovalEvent, NotificationPayload } from '../../../core/alerts.ts';
import type { ApprovalView } from '../../../core/sync-ports.ts';
import { approvalSubject, byKindLines, impactText, plural, totalOf } from '../../../presenters/words.ts';
import { VERBS, type TeamsMessage } from '../verbs.ts';
import { bold, bot, execute, heading, message, note, quoted, safe, text, when, who, type Element, type RenderOptions } from './card.ts';

/** "Approval #12: delete integration corp-old": the card's heading. */
function title(a: ApprovalView): string {
  return `Approval #${a.id}: ${approvalSubject(a.kind, safe(a.integration), a.impact)}`;
}

function impact(a: ApprovalView): Element {
  const what = a.kind === 'delete_integration' ? `Deleting it removes ${impactText(a.impact)} from dirsync.` : `Touches ${impactText(a.impact)}.`;
  const kinds = totalOf(a.impact.byKind) > 0 ? byKindLines(a.impact.byKind) : [];
  const run = a.runId !== null ? [`Derived by sync #${a.runId}, over the account's deletion threshold.`] : [];
  return text([`**Impact:** ${what}`, ...kinds, ...run].join('\n\n'));
}


const lines = (opts: RenderOptions) => ({ who: (id: string) => who(id, opts.names), when, safe });

const withNote = (line: string, a: ApprovalView) => (a.note ? `${line}\n\n${quoted(a.note)}` : line);

/**
 * The approval card: a view of the request row. Pending, it has the buttons; once settled the
 * buttons are gone and the first line says who settled it, so a late click has nothing to press.
 */
export function renderApproval(approval: ApprovalView, opts: RenderOptions & { now: Date }): TeamsMessage {
  const a = approval;
  const requested = note(`Requested by ${who(a.requestedBy, opts.names)} ${when(a.requestedAt)} · request #${a.id}`);
  const settled = approvalSettledLine(a, lines(opts));
  if (settled) {
    const color = a.status === 'approved' ? 'good' : a.status === 'rejected' ? 'attention' : 'default';
    return message(`${settled}: ${title(a)}`, [text(withNote(settled, a), { weight: 'bolder', color }), heading(title(a)), impact(a), requested]);
  }
  const expiry = a.expiresAt <= opts.now ? `It expired ${when(a.expiresAt)}: treated as a no.` : `Expires ${when(a.expiresAt)}; unanswered, it is treated as a no.`;
  const consequence = a.kind === 'delete_integration' ? 'the integration and everything it synced leave dirsync' : `${plural(totalOf(a.impact.byKind), 'destructive change')} are applied`;
  const subject = approvalSubject(a.kind, bold(a.integration), a.impact);
  return message(
    title(a),
    [
      heading(title(a)),
      impact(a),
      text(`🔐 An admin other than ${who(a.requestedBy, opts.names)} must approve. ${expiry}`),
      // Adaptive Cards have no confirmation dialog: the card says what Approve does before anyone presses it.
      text(`Approving means: ${subject}. ${consequence.replace(/^./, (c) => c.toUpperCase())} (${impactText(a.impact)}). This cannot be undone.`, { color: 'attention' }),
      requested,
      note(`Or type ${bot(`approve ${a.id}`)} or ${bot(`reject ${a.id} [note]`)}.`),
    ],
    [
      execute({ title: 'Approve', verb: VERBS.approve, value: String(a.id), style: 'destructive' }),
      execute({ title: 'Reject', verb: VERBS.reject, value: String(a.id) }),
    ],
  );
}

/** The thread reply for an event of the request; `created` has none (the card itself is the news). */
export function renderApprovalThread(approval: ApprovalView, event: ApprovalEvent, payload: NotificationPayload, opts: RenderOptions = {}): TeamsMessage | null {
  let line: string;
  switch (event) {
    case 'created':
      return null;
    case 'updated': {
      const total = totalOf(approval.impact.byKind);
      line = `🔄 Impact changed: ${impactText(approval.impact)}${total > 0 ? ` (${plural(total, 'destructive change')})` : ''}`;
      break;
    }
    case 'decided':
    case 'expired':
      line = withNote(approvalSettledLine(approval, lines(opts)) ?? `Request #${approval.id} is still pending`, approval);
      break;
    default: {
      const unknown: never = event;
      throw new Error(`unknown approval event ${String(unknown)}`);
    }
  }
  return message(line, [text(`${line}${payload.note ? `\n\n${safe(payload.note)}` : ''}`)]);
}
