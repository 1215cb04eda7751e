import { CHANGE_KINDS, emptyByKind, type ByKind } from '../core/sync.ts';
import type { PendingReport as Pending } from '../commands/change/list-pending.ts';
import { changeList } from './change-items.ts';
import { at, bold, code, command, flat, join, list, message, note, rich, text, who, type Mark, type Message, type Part, type Rich } from './message.ts';
import { approvalSubject, byKindText, durationWords, expiryWords, heldBlockerWords, impactText, nameList, num, plural, stateWords, totalOf } from './words.ts';

type Change = Pending['changes'][number];
type Blocker = Change['blockedBy'][number];

function sum(changes: Change[]): ByKind {
  const total = emptyByKind();
  for (const c of changes) for (const k of CHANGE_KINDS) total[k] += c.byKind[k];
  return total;
}

const blocker = (b: Blocker): Rich => flat(heldBlockerWords<Mark>(b, { format: bold, at }));

function changeLine(c: Change): Rich {
  const head = rich`• ${bold(c.integration)}: ${num(c.total)} (${byKindText(c.byKind)}) since ${at(c.since)}`;
  if (c.status === 'awaiting_approval') return c.approvalRequest !== null ? rich`${head} — approval #${c.approvalRequest}: ${command(`approve ${c.approvalRequest}`)}` : head;
  return c.blockedBy.length > 0 ? rich`${head} — blocked by ${join(c.blockedBy.map(blocker), ', ')}` : head;
}

/** `pending [<name>]`: what waits, what it waits for, and for how long. */
export function presentPending(name: string | null, p: Pending): Message {
  const scope = name && rich` for ${bold(name)}`;
  const held = p.changes.filter((c) => c.status === 'held');
  const awaiting = p.changes.filter((c) => c.status === 'awaiting_approval');
  if ([held, awaiting, p.approvals, p.lingering, p.certificates].every((g) => g.length === 0)) {
    return message(rich`Nothing is pending${name && ` for ${name}`}`, [
      text(rich`✅ Nothing is pending${scope}: no held changes, no open approval requests, no lingering integrations, no expiring certificates.`),
    ]);
  }
  const parts: Part[] = [];
  const add = <T>(title: Rich, items: T[], line: (item: T) => Rich) => {
    if (items.length > 0) parts.push(list(items.map(line), { title, max: 25, ...(!name && { hint: rich`${command('pending <name>')} shows one integration` }) }));
  };
  const changes = (mark: string, what: string, group: Change[]) => bold(rich`${mark} ${what}${scope}: ${plural(totalOf(sum(group)), 'destructive change')}`);
  add(rich`${changes('⏸', 'Held', held)} (${byKindText(sum(held))})`, held, changeLine);
  add(rich`${changes('🗳', 'Awaiting approval', awaiting)} (${byKindText(sum(awaiting))})`, awaiting, changeLine);
  // Names only for one integration: across all of them the lists would drown the counts.
  for (const c of name ? [...held, ...awaiting] : []) {
    const title = [bold(`Who — ${c.integration}, ${c.status === 'held' ? 'held' : 'awaiting approval'}:`)];
    if (c.items.length > 0) parts.push(changeList({ items: c.items, total: c.items.length }, { title, hint: rich`${code('dirsync pending --json')} lists them all` }));
  }
  if (!name && held.length + awaiting.length > 0) parts.push(note(rich`${command('pending <name>')} names who each change touches.`));
  add([bold(`Open approval requests: ${num(p.approvals.length)}`)], p.approvals, (a) =>
    rich`• #${a.id} ${approvalSubject(a.kind, a.integration, a.impact, bold)} (${impactText(a.impact)}) — requested by ${who(a.requestedBy)} ${at(a.requestedAt)}, expires ${at(a.expiresAt)}`,
  );
  add([bold(`⚠️ Lingering integrations: ${num(p.lingering.length)}`)], p.lingering, (w) =>
    rich`• ${bold(w.integration)} has been ${stateWords(w.state)} for ${durationWords(w.hours * 3_600_000)}, blocking ${plural(w.blocks.total, 'destructive change')} in ${nameList(w.blocks.integrations, 5, bold)}`,
  );
  add([bold(`🔐 Expiring certificates: ${num(p.certificates.length)}`)], p.certificates, (c) => rich`• ${bold(c.integration)}: ${c.subject} ${expiryWords(c.daysLeft)} (${c.notAfter.slice(0, 10)})`);
  const counts = [
    held.length > 0 && `${num(held.reduce((n, c) => n + c.total, 0))} held`,
    awaiting.length > 0 && `${num(awaiting.reduce((n, c) => n + c.total, 0))} awaiting approval`,
    p.approvals.length > 0 && plural(p.approvals.length, 'open request'),
  ].filter(Boolean);
  return message(rich`Pending${name && ` for ${name}`}: ${counts.join(', ') || 'warnings only'}`, parts);
}
