import { approveRequest, rejectRequest, type Decision } from '../../commands/approval/decide.ts';
import { listPending } from '../../commands/change/list-pending.ts';
import { requestDelete } from '../../commands/integration/request-delete.ts';
import { approvalSubject, blockerNames, blockingSentence, byKindText, durationWords, expiryWords, impactText, num, plural, stateWords, totalOf } from '../../presenters/words.ts';
import { parseFlags, positionals } from './args.ts';
import { fields, when } from './render.ts';
import { help, print, type Handler } from './session.ts';


export const PENDING_HELP = `Usage: dirsync pending [<name>] [--json]

Destructive changes held by the gate (and which integrations block them, since when) or waiting
for approval, the approval requests open, integrations lingering while they block changes, and
LDAPS certificates that expire within 30 days.
`;
export const DELETE_HELP = `Usage: dirsync delete <name> [--json]

Raises an approval request to delete the integration, showing the impact. Nothing is deleted
until another admin approves it (dirsync approve <id>); its objects then leave through the gate.
`;
export const APPROVE_HELP = `Usage: dirsync approve <id> [--json]

Approves a pending request (admin; not the requester). Use --actor to say who approves.
`;
export const REJECT_HELP = `Usage: dirsync reject <id> [--note TEXT] [--json]

Rejects a pending request (admin), or withdraws your own request.
`;

export const pending: Handler = async (args, session) => {
  const { values, positionals: pos } = parseFlags(args, {}, PENDING_HELP);
  if (values.help) return help(session, PENDING_HELP);
  if (pos.length > 1) positionals(pos, ['name'], PENDING_HELP);
  const ctx = await session.context();
  const report = await listPending({ ctx, input: pos[0] ? { name: pos[0] } : {} });
  print(session, report, () => {
    const out: string[] = [];
    for (const c of report.changes) {
      const who = c.blockedBy.map((b) => `${b.name} (${stateWords(b.state)}${b.hours !== null ? ` for ${durationWords(b.hours * 3_600_000)}` : ''})`).join(', ');
      out.push(c.status === 'held'
        ? `${c.integration}: ${num(c.total)} held (${byKindText(c.byKind)}) since ${when(c.since)}, blocked by ${who}\n`
        : `${c.integration}: ${num(c.total)} awaiting approval (${byKindText(c.byKind)}), request #${c.approvalRequest}\n`);
    }
    for (const a of report.approvals) out.push(`request #${a.id}: ${approvalSubject(a.kind, a.integration, a.impact).join('')} (${impactText(a.impact)}), by ${a.requestedBy}, expires ${when(a.expiresAt)}\n`);
    for (const l of report.lingering) {
      const blocker = { integration: l.integration, state: l.state, since: l.since, blocking: l.blocks.total, integrations: l.blocks.integrations };
      out.push(`warning: ${blockingSentence(blocker, ctx.now()).join('')} (${byKindText(l.blocks.byKind)}): ${l.blocks.integrations.join(', ')}\n`);
    }
    for (const c of report.certificates) out.push(`warning: the certificate of ${c.integration} (${c.subject}) ${expiryWords(c.daysLeft)}\n`);
    return out.length ? out.join('') : 'Nothing pending.\n';
  });
  return 0;
};

export const del: Handler = async (args, session) => {
  const { values, positionals: pos } = parseFlags(args, {}, DELETE_HELP);
  if (values.help) return help(session, DELETE_HELP);
  const [name] = positionals(pos, ['name'], DELETE_HELP);
  const result = await requestDelete({ ctx: await session.context(), input: { name: name! } });
  const r = result.request;
  print(session, result, () =>
    `${result.created ? 'Requested' : 'Already requested'}: delete ${result.integration} as request #${r.id} (by ${r.requestedBy}, expires ${when(r.expiresAt.toISOString())}).\n` +
    fields([['impact', impactText(r.impact)]]) +
    `Another admin approves with: dirsync approve ${r.id}\n`,
  );
  return 0;
};

const decided = (d: Decision) => {
  const r = d.request;
  const verb = r.status === 'approved' ? 'Approved' : r.status === 'cancelled' ? 'Withdrawn' : 'Rejected';
  const held = `The changes are held while ${blockerNames(d.blockedBy).join('')} disabled or in error; they apply once ${d.blockedBy.length === 1 ? 'it recovers' : 'they recover'}.\n`;
  return (
    `${verb} request #${r.id} (${approvalSubject(r.kind, d.integration, r.impact).join('')}) as ${r.decidedBy}.\n` +
    (r.status !== 'approved' ? '' : d.blockedBy.length ? held : `Applied ${plural(totalOf(d.applied), 'change')} (${byKindText(d.applied)}).\n`)
  );
};

export const approve: Handler = async (args, session) => {
  const { values, positionals: pos } = parseFlags(args, {}, APPROVE_HELP);
  if (values.help) return help(session, APPROVE_HELP);
  const [id] = positionals(pos, ['id'], APPROVE_HELP);
  const result = await approveRequest({ ctx: await session.context(), input: { id } });
  print(session, result, () => decided(result));
  return 0;
};

export const reject: Handler = async (args, session) => {
  const { values, positionals: pos } = parseFlags(args, { note: { type: 'string' } }, REJECT_HELP);
  if (values.help) return help(session, REJECT_HELP);
  const [id] = positionals(pos, ['id'], REJECT_HELP);
  const note = values.note as string | undefined;
  const result = await rejectRequest({ ctx: await session.context(), input: { id, ...(note !== undefined && { note }) } });
  print(session, result, () => decided(result));
  return 0;
};
