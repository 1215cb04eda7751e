import { approvalSettledLine } from '../../chat/lines.ts';
import type { ApprovalEvent, NotificationPayload } from '../../../core/alerts.ts';
import type { ApprovalView } from '../../../core/sync-ports.ts';
import { ACTIONS, type SlackMessage } from '../actions.ts';
import { actions, button, code, context, escape, header, message, section, when, who, type Block } from './blocks.ts';
import { approvalSubject, byKindLines, impactText, plural, totalOf } from './words.ts';

/** "Approval #12: delete integration corp-old", plain: it is the card's header. */
function title(a: ApprovalView): string {
  return `Approval #${a.id}: ${approvalSubject(a.kind, a.integration, a.impact)}`;
}

function impactBlock(a: ApprovalView): Block {
  const what = a.kind === 'delete_integration' ? `Deleting it removes ${impactText(a.impact)} from dirsync.` : `Touches ${impactText(a.impact)}.`;
  const kinds = totalOf(a.impact.byKind) > 0 ? `\n${byKindLines(a.impact.byKind).join('\n')}` : '';
  const run = a.runId !== null ? `\nDerived by sync #${a.runId}, over the account's deletion threshold.` : '';
  return section(`*Impact:* ${what}${kinds}${run}`);
}


const LINES = { who, when, safe: escape };

const withNote = (line: string, a: ApprovalView) => (a.note ? `${line}\n> ${escape(a.note)}` : line);

/**
 * The approval card: a view of the request row. Pending, it has the buttons; once settled the
 * buttons are gone and the first line says who settled it, so a late click has nothing to press.
 */
export function renderApproval(approval: ApprovalView, opts: { now: Date }): SlackMessage {
  const a = approval;
  const requested = context(`Requested by ${who(a.requestedBy)} ${when(a.requestedAt)} · request #${a.id}`);
  const settled = approvalSettledLine(a, LINES);
  if (settled) return message(`${settled}: ${escape(title(a))}`, [section(withNote(settled, a)), header(title(a)), impactBlock(a), requested]);

  const expiry = a.expiresAt <= opts.now ? `It expired ${when(a.expiresAt)}: treated as a no.` : `Expires ${when(a.expiresAt)}; unanswered, it is treated as a no.`;
  const consequence = a.kind === 'delete_integration' ? 'the integration and everything it synced leave dirsync' : `${plural(totalOf(a.impact.byKind), 'destructive change')} are applied`;
  const subject = approvalSubject(a.kind, `*${escape(a.integration)}*`, a.impact);
  return message(escape(title(a)), [
    header(title(a)),
    impactBlock(a),
    section(`🔐 An admin other than ${who(a.requestedBy)} must approve. ${expiry}`),
    requested,
    actions(
      button({
        text: 'Approve',
        actionId: ACTIONS.approve,
        value: String(a.id),
        style: 'danger',
        confirm: {
          title: `Approve #${a.id}?`,
          text: `${subject.replace(/^./, (c) => c.toUpperCase())}: ${consequence} (${impactText(a.impact)}). This cannot be undone.`,
          confirm: 'Approve',
          deny: 'Cancel',
        },
      }),
      button({ text: 'Reject', actionId: ACTIONS.reject, value: String(a.id) }),
    ),
    context(`Or type ${code(`/dirsync approve ${a.id}`)} or ${code(`/dirsync reject ${a.id} [note]`)}.`),
  ]);
}

/** The thread reply for an event of the request; `created` has none (the card itself is the news). */
export function renderApprovalThread(approval: ApprovalView, event: ApprovalEvent, payload: NotificationPayload): SlackMessage | null {
  let line: string;
  switch (event) {
    case 'created':
      return null;
    case 'updated':
      line = `🔄 Impact changed: ${impactText(approval.impact)}${totalOf(approval.impact.byKind) > 0 ? ` (${plural(totalOf(approval.impact.byKind), 'destructive change')})` : ''}`;
      break;
    case 'decided':
    case 'expired':
      line = withNote(approvalSettledLine(approval, LINES) ?? `Request #${approval.id} is still pending`, approval);
      break;
    default: {
      const unknown: never = event;
      throw new Error(`unknown approval event ${String(unknown)}`);
    }
  }
  const note = payload.note ? `\n${escape(payload.note)}` : '';
  return message(line, [section(`${line}${note}`)]);
}
