import { presentAlert, presentAlertThread } from '../../src/presenters/alert.ts';
import { presentApproval, presentApprovalThread } from '../../src/presenters/approval.ts';
import { presentChatResult } from './chat-result.ts';
import { presentError } from '../../src/presenters/help.ts';
import type { Message } from '../../src/presenters/message.ts';
import { presentRun, presentRuns } from '../../src/presenters/run.ts';
import type { ChatResult } from './chat-result.ts';
import { ALERT_EVENTS, APPROVAL_EVENTS } from '../../src/core/alerts.ts';
import { CommandError, ERROR_CODES } from '../../src/core/errors.ts';
import { alert, approval, byKind, certificateDetail, changeItems, failureDetail, heldChange, hoursAgo, integrationView, iso, lingeringDetail, listed, NASTY_DN, now, runFailure, runView, testReport, type Pending } from './chat-results.ts';

type Verb = ChatResult['verb'];

const ADMIN = 'teams:00000000-0000-0000-0000-00000000ad01';
const { id, kind, integration, impact } = approval();
const openRequest = { id, kind, integration, requestedBy: 'slack:U0REQUESTER', requestedAt: iso(hoursAgo(2)), expiresAt: iso(hoursAgo(-22)), impact };
/** Text with every kind of markup either platform knows. */
const hostile = 'a <b>&c *d* _e_ `f` [g](h) {{DATE(x)}} <!channel> <@U1>';
/** The same without Slack's tokens and Teams' functions, for text that reaches a Teams summary (plain text, where a typed `<@U1>` would only look like markup to the checker). */
const rude = 'a <b>&c *d* _e_ `f` [g](h) # x';

/** Every kind of chat result, with hostile text and lists far longer than a message can show. A Record: a new verb fails to compile until it has one. */
export const CHAT_RESULTS: { [V in Verb]: (ChatResult & { verb: V })[] } = {
  help: [{ verb: 'help' }, { verb: 'help', problem: '`sink` is not a dirsync command. Did you mean `sync`?' }, { verb: 'help', problem: `a \`lone ${rude}` }],
  list: [
    { verb: 'list', integrations: [listed(), listed({ name: 'lab', kind: 'openldap', state: 'error', stateReason: `bind ${hostile}`, held: 5, awaitingApproval: 640, lastRun: { run: 9, status: 'failed', finishedAt: iso(hoursAgo(1)), users: null, failure: { class: 'credential', reason: 'invalid_credentials' } }, warnings: [hostile, 'second'] }), listed({ name: 'old', state: 'disabled', nextRun: null, lastRun: null })] },
    { verb: 'list', integrations: [] },
    { verb: 'list', integrations: Array.from({ length: 150 }, (_, i) => listed({ name: `integration-with-a-long-name-${i}`, held: i, awaitingApproval: i, warnings: ['certificate CN=x expires in 3 days (2026-11-23)'] })) },
  ],
  test: [
    { verb: 'test', report: testReport() },
    { verb: 'test', report: testReport({ ok: false, failure: { ...runFailure({ diagnostic: '<x>&*_`'.repeat(3000) }), stage: 'bind' }, certificate: null }) },
  ],
  sync: [
    { verb: 'sync', all: false, runs: [{ integration: 'corp-ad', run: 42, joined: false, dryRun: false }] },
    { verb: 'sync', all: false, runs: [{ integration: 'corp_ad', run: 41, joined: true, dryRun: false }] },
    { verb: 'sync', all: false, runs: [] },
    { verb: 'sync', all: true, runs: [{ integration: 'corp-ad', run: 42, joined: false, dryRun: false }, { integration: 'hq', run: 40, joined: true, dryRun: false }] },
    { verb: 'sync', all: true, runs: [] },
    { verb: 'sync', all: true, runs: Array.from({ length: 400 }, (_, i) => ({ integration: `directory-number-${i}`, run: i + 1, joined: i % 3 === 0, dryRun: false })) },
  ],
  enable: [
    { verb: 'enable', change: { integration: integrationView(), changed: true, previousState: 'error', note: null } },
    { verb: 'enable', change: { integration: integrationView(), changed: false, previousState: 'enabled', note: 'it is already enabled' } },
  ],
  disable: [{ verb: 'disable', change: { integration: integrationView({ state: 'disabled', stateReason: `DC ${hostile}` }), changed: true, previousState: 'enabled', note: null } }],
  delete: [{ verb: 'delete', delete: { request: approval(), created: true, integration: 'corp-old' } }, { verb: 'delete', delete: { request: approval(), created: false, integration: 'corp-old' } }],
  pending: [
    { verb: 'pending', name: null, pending: { changes: [], approvals: [], lingering: [], certificates: [] } },
    { verb: 'pending', name: 'corp_ad', pending: { changes: [], approvals: [], lingering: [], certificates: [] } },
    { verb: 'pending', name: null, pending: pendingOfEveryKind() },
    { verb: 'pending', name: null, pending: hugePending() },
    { verb: 'pending', name: 'site-3', pending: { ...emptyPendingOf(), changes: [heldChange(3, { status: 'awaiting_approval', items: changeItems(640) }), heldChange(3, { items: changeItems(3) })] } },
  ],
  history: [
    { verb: 'history', history: { integration: 'corp-ad', runs: [runView(), runView({ run: 41, runner: 'agent', status: 'failed', counts: null, destructive: null, failure: runFailure() }), runView({ run: 40, trigger: 'sync_all', actor: 'cli:alice', runner: null, status: 'failed', counts: null, destructive: null, error: `lease ${hostile}` })] } },
    { verb: 'history', history: { integration: 'corp-ad', runs: [] } },
    { verb: 'history', history: { integration: 'corp-ad', runs: Array.from({ length: 200 }, (_, i) => runView({ run: 200 - i, startedAt: iso(hoursAgo(i * 5)), ...(i % 2 ? { status: 'failed', counts: null, destructive: null, failure: runFailure() } : {}) })) } },
  ],
  approve: [
    { verb: 'approve', decision: { request: approval({ status: 'approved', decidedBy: 'slack:U0ADMIN', decidedAt: hoursAgo(0) }), integration: 'corp-old', applied: byKind({ delete_user: 1200 }), blockedBy: [] } },
    { verb: 'approve', decision: { request: approval({ kind: 'apply_batch', status: 'approved', decidedBy: ADMIN, decidedAt: hoursAgo(0) }), integration: 'corp-ad', applied: byKind({}), blockedBy: ['lab', 'hq'] } },
  ],
  reject: [
    { verb: 'reject', decision: { request: approval({ status: 'rejected', decidedBy: ADMIN, decidedAt: hoursAgo(0), note: hostile }), integration: 'corp-old', applied: byKind({}), blockedBy: [] } },
    { verb: 'reject', decision: { request: approval({ status: 'cancelled', decidedBy: 'slack:U0REQUESTER', decidedAt: hoursAgo(0) }), integration: 'corp-old', applied: byKind({}), blockedBy: [] } },
    { verb: 'reject', decision: { request: approval({ status: 'expired' }), integration: 'corp-old', applied: byKind({}), blockedBy: [] } },
  ],
  alerts: [
    { verb: 'alerts', destination: { platform: 'slack', mode: 'here', channel: 'C0ALERTS' } },
    { verb: 'alerts', destination: { platform: 'teams', mode: 'here', channel: '19:abc@thread.tacv2' } },
    { verb: 'alerts', destination: { platform: 'slack', mode: 'off', channel: null } },
  ],
  alerts_status: [
    { verb: 'alerts_status', status: { platform: 'slack', stored: true, channel: 'C0ALERTS', setBy: 'slack:U0ADMIN', setAt: iso(hoursAgo(3)) } },
    { verb: 'alerts_status', status: { platform: 'teams', stored: true, channel: '19:abc@thread.tacv2', setBy: ADMIN, setAt: iso(hoursAgo(3)) } },
    { verb: 'alerts_status', status: { platform: 'slack', stored: true, channel: '<!here>', setBy: 'cli:root', setAt: null } },
    { verb: 'alerts_status', status: { platform: 'teams', stored: true, channel: null, setBy: 'cli:root', setAt: iso(hoursAgo(3)) } },
    { verb: 'alerts_status', status: { platform: 'slack', stored: false, channel: null, setBy: null, setAt: null } },
  ],
  roles: [
    { verb: 'roles', roles: { bindings: [{ identity: 'teams:aad-<1>', role: 'operator', grantedBy: ADMIN, grantedAt: iso(hoursAgo(2)) }, { identity: 'slack:U0ADMIN', role: 'admin', grantedBy: 'cli:root', grantedAt: iso(hoursAgo(20)) }, { identity: 'web:bob', role: 'viewer', grantedBy: 'config:DIRSYNC_ADMINS', grantedAt: iso(hoursAgo(20)) }] } },
    { verb: 'roles', roles: { bindings: [] } },
    { verb: 'roles', roles: { bindings: Array.from({ length: 300 }, (_, i) => ({ identity: `web:person-${i}`, role: 'operator', grantedBy: 'slack:U0ADMIN', grantedAt: iso(hoursAgo(i)) })) } },
  ],
  role_granted: [{ verb: 'role_granted', grant: { identity: 'slack:U0OPS', role: 'operator', previous: null } }, { verb: 'role_granted', grant: { identity: ADMIN, role: 'admin', previous: 'operator' } }],
  role_revoked: [{ verb: 'role_revoked', revoke: { identity: 'web:bob', previous: 'admin' } }],
};

export function pendingOfEveryKind(): Pending {
  return {
    changes: [
      heldChange(1),
      heldChange(2, { blockedBy: [{ name: 'lab', state: 'error', since: iso(hoursAgo(5)), hours: 5, reason: 'sync #41 failed: connection/connection_refused' }, { name: 'gone', state: 'enabled', since: iso(hoursAgo(0)), hours: 0, reason: 'migrating to the new forest' }] }),
      heldChange(3, { status: 'awaiting_approval', total: 640, byKind: byKind({ remove_membership: 600, delete_user: 40 }), blockedBy: [], approvalRequest: 12 }),
    ],
    approvals: [openRequest],
    lingering: [{ integration: 'corp-old', state: 'disabled', since: iso(hoursAgo(216)), hours: 216, blocks: { total: 37, byKind: byKind({ remove_membership: 37 }), integrations: ['corp-ad', 'hq'] } }],
    certificates: [{ integration: 'corp-ad', subject: NASTY_DN, notAfter: '2026-11-25T00:00:00.000Z', daysLeft: 4 }],
  };
}

function emptyPendingOf(): Pending {
  return { changes: [], approvals: [], lingering: [], certificates: [] };
}

export function hugePending(): Pending {
  return {
    changes: Array.from({ length: 500 }, (_, i) => heldChange(i, { blockedBy: [{ name: `blocker-${i}-with-a-long-name`, state: 'error', since: iso(hoursAgo(30)), hours: 30, reason: null }, { name: 'corp-old', state: 'disabled', since: iso(hoursAgo(216)), hours: 216, reason: null }] })),
    approvals: Array.from({ length: 100 }, (_, i) => ({ ...openRequest, id: i + 1 })),
    lingering: Array.from({ length: 60 }, (_, i) => ({ integration: `old-${i}`, state: 'error' as const, since: iso(hoursAgo(216)), hours: 216, blocks: { total: 37, byKind: byKind({ remove_membership: 37 }), integrations: Array.from({ length: 30 }, (_, j) => `site-${j}`) } })),
    certificates: Array.from({ length: 60 }, (_, i) => ({ integration: `dir-${i}`, subject: NASTY_DN, notAfter: '2026-11-25T00:00:00.000Z', daysLeft: 4 })),
  };
}

export const ALERTS = [
  alert(failureDetail()),
  alert(failureDetail({ diagnostic: '<x>&*`'.repeat(6000), message: rude })),
  alert(failureDetail({ diagnostic: hostile, checklist: [hostile, '# heading', '- item'] })),
  alert(failureDetail(), { status: 'resolved', resolvedAt: hoursAgo(0), resolution: 'sync #43 succeeded' }),
  alert(lingeringDetail(), { integration: 'corp-old' }),
  alert(lingeringDetail(), { snoozedUntil: hoursAgo(-48), snoozedBy: 'slack:U9' }),
  alert(lingeringDetail(), { snoozedUntil: hoursAgo(-48), snoozedBy: ADMIN }),
  alert(lingeringDetail(), { status: 'resolved', resolvedAt: hoursAgo(0), resolution: 'corp-old is enabled again' }),
  alert(certificateDetail(12)),
  alert(certificateDetail(-3)),
  alert(certificateDetail(12), { status: 'resolved', resolvedAt: hoursAgo(0), resolution: 'certificate renewed' }),
];

export const APPROVALS = [
  approval(),
  approval({ kind: 'apply_batch', integration: 'corp-ad', runId: 40, expiresAt: hoursAgo(1), impact: { users: 640, groups: 12, memberships: 600, byKind: byKind({ remove_membership: 600, delete_user: 40 }) } }),
  approval({ kind: 'apply_batch', integration: 'corp-ad', changes: { items: changeItems(10), total: 640 } }),
  approval({ changes: { items: changeItems(10), total: 4_200 } }),
  approval({ status: 'approved', decidedBy: 'slack:U0ADMIN', decidedAt: hoursAgo(1) }),
  approval({ status: 'rejected', decidedBy: ADMIN, decidedAt: hoursAgo(1), note: hostile }),
  approval({ status: 'cancelled', decidedBy: 'slack:U0REQUESTER', decidedAt: hoursAgo(1) }),
  approval({ status: 'expired', expiresAt: hoursAgo(1) }),
];

const destructive = { applied: 2, held: 5, awaitingApproval: 640, byKind: { applied: byKind({ remove_membership: 2 }), held: byKind({ delete_user: 5 }), awaitingApproval: byKind({ remove_membership: 600, delete_user: 40 }) } };

export const RUNS = [
  runView({ status: 'queued', startedAt: null, finishedAt: null, durationMs: null, counts: null, destructive: null }),
  { ...runView({ status: 'running', entriesRead: 1250, counts: null, destructive: null }), expectedEntries: 5000 },
  runView({ counts: { ...runView().counts!, skipped: 2 } }),
  runView({ destructive, blockedBy: ['corp-old', 'lab'], approvalRequest: 12 }),
  runView({ duplicates: Array.from({ length: 300 }, (_, i) => ({ address: `user_${i}@corp.example`, owner: `CN=Owner ${i} <x>,DC=corp`, ownerIntegration: 'corp-ad', claimant: `CN=Claimant ${i} & co,DC=corp`, claimantIntegration: 'hq' })) }),
  runView({ status: 'failed', counts: null, destructive: null, failure: runFailure() }),
  runView({ status: 'failed', counts: null, destructive: null, error: `worker lost its lease ${hostile}` }),
  runView({ status: 'cancelled', counts: null, destructive: null }),
  runView({ dryRun: true, destructive, blockedBy: ['corp-old', 'lab'], preview: dryRunFindings() }),
  runView({ dryRun: true, preview: { totals: { added: 0, updated: 0, restored: 0, applied: 0, held: 0, awaiting_approval: 0 }, items: [] } }),
];

/** The first ten of every section of a dry run, with names and DNs as hostile as a directory may hold. */
function dryRunFindings() {
  const sections = ['added', 'updated', 'restored', 'applied', 'held', 'awaiting_approval'] as const;
  const items = sections.flatMap((section, s) => Array.from({ length: 10 }, (_, i) => ({
    section,
    kind: s < 3 ? null : (['remove_membership', 'delete_user', 'change_address_type'] as const)[i % 3]!,
    name: `${hostile} ${'long name '.repeat(20)}${i}`,
    dn: `${NASTY_DN},OU=${'x'.repeat(200)}${i}`,
    group: s < 3 || i % 3 ? null : `group ${hostile}`,
  })));
  return { totals: { added: 100_000, updated: 12, restored: 10, applied: 640, held: 5_000, awaiting_approval: 10 }, items };
}

const progress = (r: ReturnType<typeof runView>) => ({ ...r, expectedEntries: null });

/** Every message dirsync can send in chat, named, from the fixtures above. */
export function everyMessage(): { name: string; message: Message }[] {
  const out: { name: string; message: Message }[] = [];
  const add = (name: string, message: Message | null) => message && out.push({ name, message });
  for (const [verb, results] of Object.entries(CHAT_RESULTS)) results.forEach((r, i) => add(`${verb} ${i}`, presentChatResult(r)));
  for (const code of ERROR_CODES) add(`error ${code}`, presentError(new CommandError(code, `integration "corp-ad" ${rude}`)));
  add('error with 100 fields', presentError(new CommandError('validation', '100 invalid fields', Array.from({ length: 100 }, (_, i) => ({ field: `f${i}`, message: `${hostile} ${'x'.repeat(300)}`, fix: `OU=Docs\\2FKB ${i}` })))));
  ALERTS.forEach((a, i) => {
    add(`alert ${a.kind} ${i}`, presentAlert(a, { now }));
    for (const event of ALERT_EVENTS) add(`alert ${a.kind} ${i} ${event}`, presentAlertThread(a, event, { by: 'slack:U5', run: 44, note: hostile }));
  });
  APPROVALS.forEach((a, i) => {
    add(`approval ${a.status} ${i}`, presentApproval(a, { now }));
    for (const event of APPROVAL_EVENTS) add(`approval ${a.status} ${i} ${event}`, presentApprovalThread(a, event, { note: hostile }));
  });
  RUNS.forEach((r, i) => add(`run ${r.status} ${i}`, presentRun(r)));
  add('sync all of 3', presentRuns([progress(RUNS[2]!), progress(RUNS[1]!), progress(RUNS[5]!)]));
  add('sync all of 100 failed runs', presentRuns(Array.from({ length: 100 }, (_, i) => progress(runView({ run: i + 1, integration: `dir-${i}`, status: 'failed', counts: null, destructive: null, failure: runFailure() })))));
  return out;
}
