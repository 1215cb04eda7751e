import { alertThreadLine } from '../../chat/lines.ts';
import { CERTIFICATE_ADVICE } from '../../../presenters/words.ts';
import { SNOOZE_MS, type AlertDetail, type AlertEvent, type AlertView, type NotificationPayload } from '../../../core/alerts.ts';
import { ACTIONS, type SlackMessage } from '../actions.ts';
import { actions, button, code, context, escape, header, message, section, when, who, type Block } from './blocks.ts';
import { failureBlocks } from './failure.ts';
import { age, byKindLines, daysBetween, expiryWords, nameList, plural, stateWords } from './words.ts';

type Detail<K extends AlertDetail['kind']> = Extract<AlertDetail, { kind: K }>;

const SNOOZE_DAYS = Math.round(SNOOZE_MS / 86_400_000);

const testNow = (name: string) => button({ text: 'Test now', actionId: ACTIONS.testNow, value: name });

/** A resolved alert keeps one line of what it was; its buttons go, there is nothing left to do. */
function resolved(a: AlertView, was: string): SlackMessage {
  const line = `✅ Resolved: ${escape(a.resolution ?? 'no longer seen')}`;
  return message(`${line} (${was})`, [
    section(`${line}${a.resolvedAt ? ` ${when(a.resolvedAt)}` : ''}`),
    context(`Was: ${was} — seen ${plural(a.count, 'time')}, first ${when(a.firstSeenAt)}, last ${when(a.lastSeenAt)}`),
  ]);
}

function failure(a: AlertView, d: Detail<'failure'>): SlackMessage {
  const f = d.failure;
  const title = `${escape(a.integration)}: ${f.class} failure`;
  if (a.status === 'resolved') return resolved(a, `${title} / ${f.reason}`);
  return message(`🔴 ${title}: ${f.reason}. ${escape(f.message)}`, [
    header(`🔴 ${a.integration}: ${f.class} failure`),
    ...failureBlocks(f, `*${f.reason}* (at ${f.stage})`),
    context(`Seen ${plural(a.count, 'time')} since ${when(a.firstSeenAt)}, last ${when(a.lastSeenAt)} · Last failing run #${d.run}`),
    actions(testNow(a.integration), button({ text: 'Sync now', actionId: ACTIONS.syncNow, value: a.integration, style: 'primary' })),
  ]);
}

function lingering(a: AlertView, d: Detail<'lingering'>, now: Date): SlackMessage {
  const w = d.lingering;
  const name = `*${escape(w.integration)}*`;
  const count = `${plural(w.blocks.total, 'destructive change')} in ${plural(w.blocks.integrations.length, 'integration')}`;
  // A resolved warning says how long it lasted, not how long ago it started.
  const until = a.status === 'resolved' && a.resolvedAt ? a.resolvedAt : now;
  const since = age(until.getTime() - new Date(w.since).getTime());
  if (a.status === 'resolved') return resolved(a, `${escape(w.integration)} ${stateWords(w.state)} for ${since}, blocking ${count}`);
  const sentence = (n: string) => `⚠️ ${n} has been ${stateWords(w.state)} for ${since} and is blocking ${count}`;
  const first = sentence(name);
  const blocks: Block[] = [
    section(`${first}.\n${byKindLines(w.blocks.byKind).join('\n')}\nHeld in: ${nameList(w.blocks.integrations, 10)}`),
    section(
      `*What to do:* re-enable it if it should sync again (${code(`/dirsync enable ${w.integration}`)}), or delete it if it is gone for good — deleting needs another admin's approval. ` +
        `Until then every destructive change of this account stays held.`,
    ),
  ];
  const snoozed = a.snoozedUntil !== null && a.snoozedUntil > now;
  blocks.push(context(`${stateWords(w.state)} since ${when(w.since)} · warned ${plural(a.count, 'time')}${snoozed ? ` · 💤 snoozed until ${when(a.snoozedUntil!)}${a.snoozedBy ? ` by ${who(a.snoozedBy)}` : ''}` : ''}`));
  blocks.push(
    actions(
      button({
        text: 'Delete…',
        actionId: ACTIONS.deleteIntegration,
        value: w.integration,
        style: 'danger',
        confirm: {
          title: `Delete ${w.integration}?`,
          text: `This raises an approval request to delete ${name} and everything it synced. Nothing is deleted until another admin approves it.`,
          confirm: 'Request deletion',
          deny: 'Cancel',
        },
      }),
      button({ text: 'Re-enable', actionId: ACTIONS.enableIntegration, value: w.integration }),
      button({ text: `Snooze ${SNOOZE_DAYS} days`, actionId: ACTIONS.snooze, value: String(a.id) }),
    ),
  );
  return message(sentence(escape(w.integration)), blocks);
}

function certificate(a: AlertView, d: Detail<'certificate'>, now: Date): SlackMessage {
  const c = d.certificate;
  const days = daysBetween(now, new Date(c.notAfter));
  const sentence = (n: string) => `⚠️ The LDAPS certificate of ${n} ${expiryWords(days)} (${c.notAfter.slice(0, 10)})`;
  const first = sentence(`*${escape(c.integration)}*`);
  if (a.status === 'resolved') return resolved(a, `certificate ${escape(c.subject)} of ${escape(c.integration)}, valid until ${c.notAfter.slice(0, 10)}`);
  return message(sentence(escape(c.integration)), [
    section(`${first}.\nSubject: ${code(c.subject)}`),
    section(`*What to do:* ${CERTIFICATE_ADVICE}`),
    actions(testNow(c.integration)),
  ]);
}

/** The one message per problem, re-rendered in place on every change of the alert row. */
export function renderAlert(alert: AlertView, opts: { now: Date }): SlackMessage {
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
      throw new Error(`no Slack rendering for alert detail ${JSON.stringify(unknown)}`);
    }
  }
}


/** The thread line under the alert's message; null for events that only re-render the message. */
const LINES = { who, when, safe: escape };

export function renderAlertThread(alert: AlertView, event: AlertEvent, payload: NotificationPayload): SlackMessage | null {
  const line = alertThreadLine(alert, event, payload, LINES);
  if (line === null) return null;
  const note = payload.note ? `\n${escape(payload.note)}` : '';
  return message(line, [section(`${line}${note}`)]);
}
