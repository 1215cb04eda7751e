import type { ChatResult } from '../../chat/run-chat-command.ts';
import { CHANGE_KINDS, emptyByKind, type ByKind } from '../../../core/sync.ts';
import type { SlackMessage } from '../actions.ts';
import { code, escape, listWithMore, message, section, sections, when, who, type Block } from './blocks.ts';
import { age, approvalSubject, byKindText, expiryWords, impactText, nameList, num, plural, stateWords, totalOf } from './words.ts';

type Pending = Extract<ChatResult, { verb: 'pending' }>['pending'];
type Change = Pending['changes'][number];
type Blocker = Change['blockedBy'][number];

const LIST_MAX = 25;
// Shared by the lists that have something to show, so one huge list cannot crowd out the others.
const TEXT_BUDGET = 9000;

function sum(changes: Change[]): ByKind {
  const total = emptyByKind();
  for (const c of changes) for (const k of CHANGE_KINDS) total[k] += c.byKind[k];
  return total;
}

function blocker(b: Blocker): string {
  if (b.state === 'enabled') return `*${escape(b.name)}* (enabled again: they apply with the next successful sync)`;
  const since = b.since ? ` since ${when(b.since)}` : '';
  return `*${escape(b.name)}* (${stateWords(b.state)}${b.hours !== null ? ` for ${age(b.hours * 3_600_000)}` : ''}${since})`;
}

function heldLine(c: Change): string {
  const head = `• *${escape(c.integration)}*: ${num(c.total)} (${byKindText(c.byKind)}) since ${when(c.since)}`;
  if (c.status === 'awaiting_approval') {
    return c.approvalRequest !== null ? `${head} — approval #${c.approvalRequest}: ${code(`/dirsync approve ${c.approvalRequest}`)}` : head;
  }
  return c.blockedBy.length > 0 ? `${head} — blocked by ${c.blockedBy.map(blocker).join(', ')}` : head;
}

/** `pending [<name>]`: what waits, what it waits for, and for how long. */
export function renderPending(name: string | null, p: Pending): SlackMessage {
  const scope = name ? ` for *${escape(name)}*` : '';
  const held = p.changes.filter((c) => c.status === 'held');
  const awaiting = p.changes.filter((c) => c.status === 'awaiting_approval');
  const groups = [held, awaiting, p.approvals, p.lingering, p.certificates].filter((g) => g.length > 0).length;
  if (groups === 0) {
    return message(`Nothing is pending${name ? ` for ${escape(name)}` : ''}`, [
      section(`✅ Nothing is pending${scope}: no held changes, no open approval requests, no lingering integrations, no expiring certificates.`),
    ]);
  }
  const list = <T>(items: T[], render: (item: T) => string) =>
    listWithMore(items, LIST_MAX, render, { budget: TEXT_BUDGET / groups, ...(!name && { hint: `${code('/dirsync pending <name>')} shows one integration` }) });
  const blocks: Block[] = [];
  const add = (title: string, lines: string[]) => blocks.push(...sections([title, ...lines]));

  if (held.length > 0) {
    const total = sum(held);
    add(`*⏸ Held${scope}: ${plural(totalOf(total), 'destructive change')}* (${byKindText(total)})`, list(held, heldLine));
  }
  if (awaiting.length > 0) {
    const total = sum(awaiting);
    add(`*🗳 Awaiting approval${scope}: ${plural(totalOf(total), 'destructive change')}* (${byKindText(total)})`, list(awaiting, heldLine));
  }
  if (p.approvals.length > 0) {
    add(
      `*Open approval requests: ${num(p.approvals.length)}*`,
      list(p.approvals, (a) => `• #${a.id} ${approvalSubject(a.kind, `*${escape(a.integration)}*`, a.impact)} (${impactText(a.impact)}) — requested by ${who(a.requestedBy)} ${when(a.requestedAt)}, expires ${when(a.expiresAt)}`),
    );
  }
  if (p.lingering.length > 0) {
    add(
      `*⚠️ Lingering integrations: ${num(p.lingering.length)}*`,
      list(p.lingering, (w) => `• *${escape(w.integration)}* has been ${stateWords(w.state)} for ${age(w.hours * 3_600_000)}, blocking ${plural(w.blocks.total, 'destructive change')} in ${nameList(w.blocks.integrations)}`),
    );
  }
  if (p.certificates.length > 0) {
    add(
      `*🔐 Expiring certificates: ${num(p.certificates.length)}*`,
      list(p.certificates, (c) => `• *${escape(c.integration)}*: ${escape(c.subject)} ${expiryWords(c.daysLeft)} (${c.notAfter.slice(0, 10)})`),
    );
  }
  const counts = [
    held.length > 0 && `${num(held.reduce((n, c) => n + c.total, 0))} held`,
    awaiting.length > 0 && `${num(awaiting.reduce((n, c) => n + c.total, 0))} awaiting approval`,
    p.approvals.length > 0 && plural(p.approvals.length, 'open request'),
  ].filter(Boolean);
  return message(`Pending${name ? ` for ${escape(name)}` : ''}: ${counts.join(', ') || 'warnings only'}`, blocks);
}
