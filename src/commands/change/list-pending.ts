import { z } from 'zod';
import { expiringCertificates, findLingering } from '../../core/lingering.ts';
import type { Integration } from '../../core/integration.ts';
import { totalOf } from '../../core/sync.ts';
import { expireApprovals } from '../approval/internal.ts';
import type { CommandContext } from '../context.ts';
import { defineCommand } from '../define-command.ts';
import { IntegrationName } from '../integration/internal/input.ts';
import { loadAccount, loadIntegration } from '../internal/load.ts';
import { NAME } from '../internal/words.ts';
import { presentPending } from '../../presenters/pending.ts';

/**
 * `pending [<name>]`: destructive changes held or awaiting approval, who blocks them and for
 * how long, the approval requests open, lingering integrations and expiring certificates.
 */
async function pendingOf({ ctx, input }: { ctx: CommandContext; input: { name?: string | undefined } }) {
  const now = ctx.now();
  const account = await loadAccount(ctx);
  const only = input.name ? await loadIntegration(ctx, input.name) : null;
  await ctx.store.transaction((tx) => expireApprovals(tx, now, ctx.accountId));
  const integrations = await ctx.store.integrations.list(ctx.accountId);
  const byId = new Map(integrations.map((i) => [i.id, i]));
  const held = await ctx.store.changes.summary(ctx.accountId);
  const approvals = await ctx.store.approvals.list(ctx.accountId, { statuses: ['pending'], limit: 100, ...(only && { integrationId: only.id }) });
  const name = (id: string) => byId.get(id)?.name ?? '(deleted integration)';
  const reasons = await blockerReasons(ctx, integrations, [...new Set(held.flatMap((h) => h.blockedBy))]);
  const blocker = (n: string) => {
    const i = integrations.find((x) => x.name === n);
    return {
      name: n,
      state: i?.state ?? 'enabled',
      since: i?.stateChangedAt.toISOString() ?? null,
      hours: i ? Math.floor((now.getTime() - i.stateChangedAt.getTime()) / 3_600_000) : null,
      reason: reasons.get(n) ?? null,
    };
  };
  const changes = await Promise.all(
    held
      .filter((h) => !only || h.integrationId === only.id)
      .map(async (h) => ({
        integration: name(h.integrationId),
        status: h.status,
        total: totalOf(h.byKind),
        byKind: h.byKind,
        since: h.since.toISOString(),
        blockedBy: h.blockedBy.map(blocker),
        approvalRequest: h.approvalRequestId,
        // Every change by name: chat shows the first ten, `--json` all of them.
        items: (await ctx.store.changes.items(ctx.accountId, { integrationId: h.integrationId, status: h.status }, { limit: null, offset: 0 })).items,
      })),
  );
  // Two queries per integration: only the one asked about when there is one.
  const certificates = await Promise.all((only ? [only] : integrations).map(async (i) => ({ integration: i.name, certificate: await latestCertificate(ctx, i.id) })));
  return {
    changes,
    approvals: approvals.map((a) => ({ id: a.id, kind: a.kind, integration: name(a.integrationId), requestedBy: a.requestedBy, requestedAt: a.requestedAt.toISOString(), expiresAt: a.expiresAt.toISOString(), impact: a.impact })),
    lingering: findLingering({ integrations, held, lingeringHours: account.lingeringHours, now }).map((w) => ({ ...w, since: w.since.toISOString() })),
    certificates: expiringCertificates(certificates, now),
  };
}

/** What `pending` reports. */
export type PendingReport = Awaited<ReturnType<typeof pendingOf>>;

export const listPending = defineCommand({
  name: 'change.list_pending',
  summary: 'Listing pending changes',
  minRole: 'viewer',
  audited: false,
  input: z.object({ name: IntegrationName.optional() }).default({}),
  face: {
    words: 'pending',
    args: [{ ...NAME, optional: true }],
    summary: 'Held changes, what blocks them, open approvals',
    details: [
      'Destructive changes held by the gate (and which integrations block them, since when) or waiting',
      'for approval, the approval requests open, integrations lingering while they block changes, and',
      'LDAPS certificates that expire within 30 days.',
    ].join('\n'),
    faces: ['cli', 'chat'],
    menu: 5,
    present: (pending, input) => presentPending(input?.name ?? null, pending),
  },
  run: pendingOf,
});

/**
 * Why each blocker was taken out of service: the reason kept with its state while it is disabled
 * or in error; once enabled again that reason is replaced, so the one given when it was disabled
 * comes from the audit log.
 */
async function blockerReasons(ctx: CommandContext, integrations: Integration[], names: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  await Promise.all(names.map(async (name) => {
    const i = integrations.find((x) => x.name === name);
    if (i && i.state !== 'enabled') {
      if (i.stateReason) out.set(name, i.stateReason);
      return;
    }
    // Refused attempts are audited too: the newest disable that went through.
    const entries = await ctx.store.audit.list({ accountId: ctx.accountId, action: 'integration.disable', target: name, limit: 10 });
    const reason = entries.find((e) => e.outcome === 'ok')?.detail.reason;
    if (typeof reason === 'string' && reason) out.set(name, reason);
  }));
  return out;
}

/** The certificate seen most recently, by a test or by a good run. */
export async function latestCertificate(ctx: CommandContext, integrationId: string) {
  const [test, run] = await Promise.all([ctx.store.tests.latest(integrationId), ctx.store.runs.lastSucceeded(integrationId)]);
  const testAt = test?.testedAt.getTime() ?? -1;
  const runAt = run?.finishedAt?.getTime() ?? -1;
  return (runAt > testAt ? run?.certificate : test?.report.certificate) ?? null;
}
