import { alertThreadLine } from '../../chat/lines.ts';
import type { AlertDetail, AlertEvent, AlertView, NotificationPayload } from '../../../core/alerts.ts';
import { age, byKindLines, CERTIFICATE_ADVICE, daysBetween, expiryWords, nameList, plural, SNOOZE_DAYS, stateWords } from '../../../presenters/words.ts';
import { VERBS, type TeamsMessage } from '../verbs.ts';
import { bold, bot, container, execute, heading, message, note, safe, text, when, who, type Element, type RenderOptions } from './card.ts';
import { failureElements } from './failure.ts';

type Detail<K extends AlertDetail['kind']> = Extract<AlertDetail, { kind: K }>;

const testNow = (name: string) => execute({ title: 'Test now', verb: VERBS.testNow, value: name });

/** A resolved alert keeps one line of what it was; its buttons go, there is nothing left to do. */
function resolved(a: AlertView, was: string): TeamsMessage {
  const line = `✅ Resolved: ${safe(a.resolution ?? 'no longer seen')}`;
  return message(`${line} (${was})`, [
    text(`${line}${a.resolvedAt ? ` ${when(a.resolvedAt)}` : ''}`, { color: 'good', weight: 'bolder' }),
    note(`Was: ${was} — seen ${plural(a.count, 'time')}, first ${when(a.firstSeenAt)}, last ${when(a.lastSeenAt)}`),
  ]);
}

function failure(a: AlertView, d: Detail<'failure'>): TeamsMessage {
  const f = d.failure;
  const title = `${safe(a.integration)}: ${safe(f.class)} failure`;
  if (a.status === 'resolved') return resolved(a, `${title} / ${safe(f.reason)}`);
  return message(
    `🔴 ${title}: ${safe(f.reason)}. ${safe(f.message)}`,
    [
      heading(`🔴 ${title}`, 'attention'),
      container(failureElements(f, `**${safe(f.reason)}** (at ${safe(f.stage)})`), 'attention'),
      note(`Seen ${plural(a.count, 'time')} since ${when(a.firstSeenAt)}, last ${when(a.lastSeenAt)} · Last failing run #${d.run}`),
    ],
    [testNow(a.integration), execute({ title: 'Sync now', verb: VERBS.syncNow, value: a.integration, style: 'positive' })],
  );
}

function lingering(a: AlertView, d: Detail<'lingering'>, now: Date, opts: RenderOptions): TeamsMessage {
  const w = d.lingering;
  const count = `${plural(w.blocks.total, 'destructive change')} in ${plural(w.blocks.integrations.length, 'integration')}`;
  // A resolved warning says how long it lasted, not how long ago it started.
  const until = a.status === 'resolved' && a.resolvedAt ? a.resolvedAt : now;
  const since = age(until.getTime() - new Date(w.since).getTime());
  if (a.status === 'resolved') return resolved(a, `${safe(w.integration)} ${stateWords(w.state)} for ${since}, blocking ${count}`);
  const sentence = (n: string) => `⚠️ ${n} has been ${stateWords(w.state)} for ${since} and is blocking ${count}`;
  const snoozed = a.snoozedUntil !== null && a.snoozedUntil > now;
  const body: Element[] = [
    text(`${sentence(bold(w.integration))}.`, { color: 'warning', weight: 'bolder' }),
    text([...byKindLines(w.blocks.byKind), `Held in: ${nameList(w.blocks.integrations, 10, bold)}`].join('\n\n')),
    text(
      `**What to do:** re-enable it if it should sync again (${bot(`enable ${w.integration}`)}), or delete it if it is gone for good — deleting needs another admin's approval. ` +
        'Until then every destructive change of this account stays held.',
    ),
    // Adaptive Cards have no confirmation dialog, so the card itself says what Delete does.
    note(`**Delete…** does not delete anything by itself: it raises an approval request to delete ${bold(w.integration)} and everything it synced, which another admin must approve.`),
    note(
      `${stateWords(w.state)} since ${when(w.since)} · warned ${plural(a.count, 'time')}` +
        (snoozed ? ` · 💤 snoozed until ${when(a.snoozedUntil!)}${a.snoozedBy ? ` by ${who(a.snoozedBy, opts.names)}` : ''}` : ''),
    ),
  ];
  return message(sentence(safe(w.integration)), body, [
    execute({ title: 'Delete…', verb: VERBS.deleteIntegration, value: w.integration, style: 'destructive' }),
    execute({ title: 'Re-enable', verb: VERBS.enableIntegration, value: w.integration }),
    execute({ title: `Snooze ${SNOOZE_DAYS} days`, verb: VERBS.snooze, value: String(a.id) }),
  ]);
}

function certificate(a: AlertView, d: Detail<'certificate'>, now: Date): TeamsMessage {
  const c = d.certificate;
  const days = daysBetween(now, new Date(c.notAfter));
  const sentence = (n: string) => `⚠️ The LDAPS certificate of ${n} ${expiryWords(days)} (${c.notAfter.slice(0, 10)})`;
  if (a.status === 'resolved') return resolved(a, `certificate ${safe(c.subject)} of ${safe(c.integration)}, valid until ${c.notAfter.slice(0, 10)}`);
  return message(
    sentence(safe(c.integration)),
    [
      text(`${sentence(bold(c.integration))}.`, { color: days < 0 ? 'attention' : 'warning', weight: 'bolder' }),
      text(`Subject: ${safe(c.subject)}`),
      text(`**What to do:** ${safe(CERTIFICATE_ADVICE)}`),
    ],
    [testNow(c.integration)],
  );
}

/** The one card per problem, re-rendered in place on every change of the alert row. */
export function renderAlert(alert: AlertView, opts: RenderOptions & { now: Date }): TeamsMessage {
  const d = alert.detail;
  switch (d.kind) {
    case 'failure':
      return failure(alert, d);
    case 'lingering':
      return lingering(alert, d, opts.now, opts);
    case 'certificate':
      return certificate(alert, d, opts.now);
    default: {
      const unknown: never = d;
      throw new Error(`no Teams rendering for alert detail ${JSON.stringify(unknown)}`);
    }
  }
}


/** The reply in the alert's thread; null for events that only re-render the card. */
export function renderAlertThread(alert: AlertView, event: AlertEvent, payload: NotificationPayload, opts: RenderOptions = {}): TeamsMessage | null {
  const line = alertThreadLine(alert, event, payload, { who: (id) => who(id, opts.names), when, safe });
  if (line === null) return null;
  return message(line, [text(`${line}${payload.note ? `\n\n${safe(payload.note)}` : ''}`)]);
}
