import type { AlertDetail, AlertEvent, AlertView, NotificationPayload } from '../core/alerts.ts';
import { button } from './buttons.ts';
import { failureGroup } from './failure.ts';
import { at, bold, code, command, flat, heading, message, note, rich, text, who, type Message, type Rich } from './message.ts';
import { alertThreadLine } from './thread-lines.ts';
import { blockingSentence, byKindLines, CERTIFICATE_ADVICE, daysBetween, expiryWords, nameList, plural, stateWords, type Blocker } from './words.ts';

type Detail<K extends AlertDetail['kind']> = Extract<AlertDetail, { kind: K }>;

/** A resolved alert keeps one line of what it was; its buttons go, there is nothing left to do. */
function resolved(a: AlertView, was: Rich): Message {
  const line = rich`✅ Resolved: ${a.resolution ?? 'no longer seen'}`;
  return message(rich`${line} (${was})`, [
    text(rich`${line}${a.resolvedAt && rich` ${at(a.resolvedAt)}`}`, { tone: 'good', strong: true }),
    note(rich`Was: ${was} — seen ${plural(a.count, 'time')}, first ${at(a.firstSeenAt)}, last ${at(a.lastSeenAt)}`),
  ]);
}

function failure(a: AlertView, d: Detail<'failure'>): Message {
  const f = d.failure;
  const title = `${a.integration}: ${f.class} failure`;
  if (a.status === 'resolved') return resolved(a, rich`${title} / ${f.reason}`);
  return message(
    rich`🔴 ${title}: ${f.reason}. ${f.message}`,
    [
      heading(rich`🔴 ${title}`, 'bad'),
      failureGroup(f, rich`${bold(f.reason)} (at ${f.stage})`),
      note(rich`Seen ${plural(a.count, 'time')} since ${at(a.firstSeenAt)}, last ${at(a.lastSeenAt)} · Last failing run #${d.run}`),
    ],
    [button('testNow', a.integration), button('syncNow', a.integration)],
  );
}

function lingering(a: AlertView, d: Detail<'lingering'>, now: Date): Message {
  const w = d.lingering;
  const blocker: Blocker = { integration: w.integration, state: w.state, since: w.since, blocking: w.blocks.total, integrations: w.blocks.integrations };
  // A resolved warning says how long it lasted, not how long ago it started.
  if (a.status === 'resolved') return resolved(a, flat(blockingSentence(blocker, a.resolvedAt ?? now, { ended: true })));
  const snoozed = a.snoozedUntil !== null && a.snoozedUntil > now;
  return message(
    rich`⚠️ ${blockingSentence(blocker, now)}`,
    [
      text(rich`⚠️ ${blockingSentence(blocker, now, { format: bold })}.`, { tone: 'warning', strong: true }),
      text([...byKindLines(w.blocks.byKind).map((line) => [line]), rich`Held in: ${nameList(w.blocks.integrations, 10, bold)}`]),
      text(
        rich`${bold('What to do:')} re-enable it if it should sync again (${command(`enable ${w.integration}`)}), or delete it if it is gone for good — deleting needs another admin's approval. Until then every destructive change of this account stays held.`,
      ),
      note(rich`${stateWords(w.state)} since ${at(w.since)} · warned ${plural(a.count, 'time')}${snoozed && rich` · 💤 snoozed until ${at(a.snoozedUntil!)}${a.snoozedBy && rich` by ${who(a.snoozedBy)}`}`}`),
    ],
    [
      button('deleteIntegration', w.integration, rich`This raises an approval request to delete ${bold(w.integration)} and everything it synced. Nothing is deleted until another admin approves it.`),
      button('enableIntegration', w.integration),
      button('snooze', a.id),
    ],
  );
}

function certificate(a: AlertView, d: Detail<'certificate'>, now: Date): Message {
  const c = d.certificate;
  const day = c.notAfter.slice(0, 10);
  const days = daysBetween(now, new Date(c.notAfter));
  if (a.status === 'resolved') return resolved(a, rich`certificate ${c.subject} of ${c.integration}, valid until ${day}`);
  const sentence = (name: Rich | string) => rich`⚠️ The LDAPS certificate of ${name} ${expiryWords(days)} (${day})`;
  return message(
    sentence(c.integration),
    [
      text(rich`${sentence([bold(c.integration)])}.`, { tone: days < 0 ? 'bad' : 'warning', strong: true }),
      text(rich`Subject: ${code(c.subject)}`),
      text(rich`${bold('What to do:')} ${CERTIFICATE_ADVICE}`),
    ],
    [button('testNow', c.integration)],
  );
}

/** The one message per problem, re-rendered in place on every change of the alert row. */
export function presentAlert(alert: AlertView, opts: { now: Date }): Message {
  const d = alert.detail;
  switch (d.kind) {
    case 'failure':
      return failure(alert, d);
    case 'lingering':
      return lingering(alert, d, opts.now);
    case 'certificate':
      return certificate(alert, d, opts.now);
    default: {
      const unknown: never = d;
      throw new Error(`no presentation for alert detail ${JSON.stringify(unknown)}`);
    }
  }
}

/** The reply in the alert's thread; null for events that only re-render the message. */
export function presentAlertThread(alert: AlertView, event: AlertEvent, payload: NotificationPayload): Message | null {
  const line = alertThreadLine(alert, event, payload);
  if (line === null) return null;
  return message(line, [text([line, ...(payload.note ? [[payload.note]] : [])])]);
}
