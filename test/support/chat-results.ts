import type { ChatResult } from './chat-result.ts';
import type { IntegrationView } from '../../src/commands/integration/internal/view.ts';
import type { RunView } from '../../src/commands/sync/internal/run-view.ts';
import type { AlertDetail, AlertView } from '../../src/core/alerts.ts';
import { checklistFor, EXPLANATIONS } from '../../src/core/failures.ts';
import { emptyByKind, type ByKind, type RunFailure } from '../../src/core/sync.ts';
import type { ApprovalView, ChangeItem } from '../../src/core/sync-ports.ts';
import type { TestReport } from '../../src/core/test-report.ts';

/** Hand-built results as the use cases return them; every string a directory could supply is hostile. */
export const now = new Date('2026-11-20T12:00:00Z');
export const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
export const iso = (d: Date) => d.toISOString();

/** A DN with every mrkdwn control character: must come out as &lt;b&gt;&amp;. */
export const NASTY_DN = 'CN=Svc <b>&Sync,OU=Docs/KB,DC=corp,DC=example';

/** `n` named changes, alternately a group removal and an address-type change, with hostile names. */
export const changeItems = (n: number): ChangeItem[] =>
  Array.from({ length: n }, (_, i) =>
    i % 2
      ? { kind: 'change_address_type', user: { displayName: `User <${i}> & *co*`, dn: `CN=User ${i},${NASTY_DN}` }, group: null }
      : { kind: 'remove_membership', user: { displayName: i === 0 ? null : `User ${i}`, dn: `CN=User ${i},${NASTY_DN}` }, group: { name: `Staff_${i}`, dn: `CN=Staff,${NASTY_DN}` } },
  );

export const byKind = (b: Partial<ByKind>): ByKind => ({ ...emptyByKind(), ...b });

export type Pending = Extract<ChatResult, { verb: 'pending' }>['pending'];
export type Change = Pending['changes'][number];

export const emptyPending: Pending = { changes: [], approvals: [], lingering: [], certificates: [] };

/** 37 changes of `site-<i>` held since two days, because corp-old has been disabled for nine. */
export const heldChange = (i: number, over: Partial<Change> = {}): Change => ({
  integration: `site-${i}`,
  status: 'held',
  total: 37,
  byKind: byKind({ change_address_type: 30, remove_membership: 7 }),
  since: iso(hoursAgo(48)),
  blockedBy: [{ name: 'corp-old', state: 'disabled', since: iso(hoursAgo(216)), hours: 216, reason: null }],
  approvalRequest: null,
  items: [],
  ...over,
});

export function integrationView(over: Partial<IntegrationView> = {}): IntegrationView {
  return {
    id: 'i-corp-ad',
    name: 'corp-ad',
    kind: 'active_directory',
    urls: ['ldaps://dc1.corp.example:636'],
    tlsMode: 'ldaps',
    bindDn: NASTY_DN,
    bindPasswordSet: true,
    baseDns: ['OU=People,DC=corp,DC=example'],
    userFilter: '(&(objectCategory=person)(objectClass=user))',
    groupFilter: '(objectClass=group)',
    attributes: { uniqueId: 'objectGUID', mail: 'mail', proxyAddresses: 'proxyAddresses', displayName: 'displayName', member: 'member' },
    schedule: '0 8,13,23 * * *',
    deltaSchedule: '*/30 * * * *',
    connectTimeoutMs: 5000,
    operationTimeoutMs: 15000,
    acknowledgeDisabled: false,
    state: 'enabled',
    stateChangedAt: iso(hoursAgo(100)),
    stateReason: null,
    caCertificates: [],
    clientCertificate: null,
    warnings: [],
    createdAt: iso(hoursAgo(1000)),
    updatedAt: iso(hoursAgo(100)),
    ...over,
  };
}

type Listed = Extract<ChatResult, { verb: 'list' }>['integrations'][number];

export function listed(over: Partial<Listed> = {}): Listed {
  return {
    ...integrationView(),
    lastRun: { run: 42, status: 'succeeded', finishedAt: iso(hoursAgo(2)), users: { added: 3, updated: 1, unchanged: 1196, restored: 0 }, failure: null },
    nextRun: iso(hoursAgo(-1)),
    held: 0,
    awaitingApproval: 0,
    ...over,
  };
}

export function runFailure(over: Partial<RunFailure> = {}): RunFailure {
  return {
    class: 'credential',
    reason: 'invalid_credentials',
    stage: 'bind',
    message: `${EXPLANATIONS.invalid_credentials} (Active Directory: data 52e)`,
    diagnostic: `80090308: LdapErr: DSID-0C090439, comment: AcceptSecurityContext error, data 52e, v4563 for ${NASTY_DN}`,
    checklist: checklistFor('invalid_credentials'),
    ...over,
  };
}

export function runView(over: Partial<RunView> = {}): RunView {
  return {
    run: 42,
    integration: 'corp-ad',
    trigger: 'manual',
    actor: 'slack:U024BE7LH',
    runner: 'server',
    status: 'succeeded',
    dryRun: false,
    queuedAt: iso(hoursAgo(1)),
    startedAt: iso(hoursAgo(1)),
    finishedAt: iso(hoursAgo(0.9)),
    durationMs: 12_345,
    entriesRead: 1250,
    counts: {
      users: { added: 3, updated: 1, unchanged: 1196, restored: 0 },
      groups: { added: 1, updated: 0, unchanged: 40, restored: 0 },
      memberships: { added: 12, updated: 0, unchanged: 3000, restored: 0 },
      skipped: 0,
    },
    destructive: { applied: 0, held: 0, awaitingApproval: 0, byKind: { applied: byKind({}), held: byKind({}), awaitingApproval: byKind({}) } },
    blockedBy: [],
    approvalRequest: null,
    duplicates: [],
    // Older runs, and runs not yet decided, carry no mode.
    mode: null,
    fallbackReason: null,
    deltaMethod: null,
    failure: null,
    error: null,
    preview: null,
    ...over,
  };
}

export function testReport(over: Partial<TestReport> = {}): TestReport {
  return {
    integration: 'corp-ad',
    ok: true,
    stages: [
      { name: 'dns', status: 'pass', durationMs: 12, detail: 'dc1.corp.example → 192.0.2.5' },
      { name: 'tcp', status: 'pass', durationMs: 3, detail: '192.0.2.5 port 636 open' },
      { name: 'tls', status: 'warn', durationMs: 40, detail: `TLSv1.3, certificate ${NASTY_DN} expires in 12 days (2026-12-02): renew it` },
      { name: 'bind', status: 'pass', durationMs: 20, detail: `bound as ${NASTY_DN}` },
      { name: 'base_dn', status: 'pass', durationMs: 5, detail: 'OU=People,DC=corp,DC=example exists' },
      { name: 'search', status: 'pass', durationMs: 300, detail: '1,200 users, paged' },
      { name: 'attributes', status: 'pass', durationMs: 1, detail: 'mail and proxyAddresses present' },
      { name: 'encoding', status: 'pass', durationMs: 1, detail: 'all DNs and values are valid' },
    ],
    failure: null,
    certificate: { subject: 'CN=dc1.corp.example', issuer: 'CN=Corp <Issuing> CA & Co', notAfter: '2026-12-02T00:00:00.000Z', daysLeft: 12 },
    ...over,
  };
}

export function approval(over: Partial<ApprovalView> = {}): ApprovalView {
  return {
    id: 12,
    accountId: 'acc',
    kind: 'delete_integration',
    integrationId: 'i-old',
    integration: 'corp-old',
    status: 'pending',
    requestedBy: 'slack:U0REQUESTER',
    requestedAt: hoursAgo(2),
    expiresAt: hoursAgo(-22),
    decidedBy: null,
    decidedAt: null,
    note: null,
    impact: { users: 1200, groups: 40, memberships: 3000, byKind: byKind({ delete_user: 1200, remove_membership: 3000 }) },
    runId: null,
    ...over,
  };
}

export function alert(detail: AlertDetail, over: Partial<AlertView> = {}): AlertView {
  return {
    id: 7,
    accountId: 'acc',
    integrationId: 'i-corp-ad',
    integration: 'corp-ad',
    kind: detail.kind,
    class: detail.kind === 'failure' ? detail.failure.class : null,
    reason: detail.kind === 'failure' ? detail.failure.reason : null,
    status: 'open',
    count: 3,
    firstSeenAt: hoursAgo(30),
    lastSeenAt: hoursAgo(1),
    lastNotifiedAt: hoursAgo(1),
    resolvedAt: null,
    resolution: null,
    snoozedUntil: null,
    snoozedBy: null,
    detail,
    ...over,
  };
}

export const failureDetail = (over: Partial<RunFailure> = {}): AlertDetail => ({ kind: 'failure', run: 41, failure: runFailure(over) });

export const lingeringDetail = (): AlertDetail => ({
  kind: 'lingering',
  lingering: {
    integration: 'corp-old',
    state: 'disabled',
    since: iso(hoursAgo(9 * 24)),
    hours: 9 * 24,
    blocks: { total: 37, byKind: byKind({ change_address_type: 30, remove_membership: 7 }), integrations: ['corp-ad', 'hq'] },
  },
});

export const certificateDetail = (daysLeft = 12): AlertDetail => ({
  kind: 'certificate',
  certificate: { integration: 'corp-ad', subject: NASTY_DN, notAfter: iso(new Date(now.getTime() + daysLeft * 86_400_000 + 3_600_000)), daysLeft },
  notifiedDaysLeft: 14,
});
