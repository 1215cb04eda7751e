import { z } from 'zod';
import { runConnectionTest, type TestReport } from '../../core/connection-test.ts';
import { STATE_CHANGING_CLASSES } from '../../core/failures.ts';
import { secretContext, type Integration } from '../../core/integration.ts';
import type { ProbeSettings } from '../../core/probe.ts';
import { actorKey } from '../../core/roles.ts';
import type { CommandContext } from '../context.ts';
import { auditEntry, defineCommand } from '../define-command.ts';
import { IntegrationName } from './internal/input.ts';
import { loadIntegration } from '../internal/load.ts';
import { NAME } from '../internal/words.ts';
import { presentTestReport } from '../../presenters/test-report.ts';

export const TestIntegrationInput = z.object({
  name: IntegrationName,
  sampleSize: z.number().int().min(1).max(1000).default(100),
});

/**
 * Tests an integration stage by stage, stores the result as its last test, and moves it into or
 * out of `error` (docs/architecture.md#failure-taxonomy). The directory is contacted outside any
 * transaction: a slow server must not hold database locks.
 */
export const testIntegration = defineCommand({
  name: 'integration.test',
  summary: 'Testing an integration',
  minRole: 'operator',
  audited: true,
  input: TestIntegrationInput,
  face: {
    words: 'test',
    args: [NAME],
    options: [{ key: 'sampleSize', name: 'sample', kind: 'integer', value: 'N', help: 'Users to read for the attribute and encoding checks (default 100, at most 1000)' }],
    summary: 'Test stage by stage: what broke, why, what to check',
    details: [
      'Tests an integration stage by stage — dns, tcp, tls, bind, base_dn, search, attributes,',
      'encoding — and says which stage failed, why (class and reason), and what to check. One bind',
      'attempt, never retried (repeated failed binds lock service accounts out). The result is kept',
      "as the integration's last test; a failure puts it in error, a pass takes it out.",
      'Entra ID and Google Workspace have their own stages: dns, tcp, tls, token, read, attributes.',
      '',
      'Exit codes: 0 the test passed (possibly with warnings), 1 a stage failed, 2 bad input.',
    ].join('\n'),
    faces: ['cli', 'chat', 'dashboard'],
    inChannel: true,
    menu: 3,
    present: presentTestReport,
  },
  async run({ ctx, input }) {
    const integration = await loadIntegration(ctx, input.name);
    const report = await runConnectionTest(
      { integration: integration.name, servers: await probeSettings(ctx, integration), baseDns: integration.baseDns, sampleSize: input.sampleSize },
      {
        connector: ctx.directory,
        clock: () => performance.now(),
        now: ctx.now,
        onStage: (stage) => ctx.progress?.({ type: 'test.stage', integration: integration.name, stage }),
      },
    );
    await record(ctx, integration.id, report);
    return report;
  },
});

/** One set of settings per configured URL; the secrets are opened only for the test's duration. */
export async function probeSettings(ctx: CommandContext, integration: Integration): Promise<ProbeSettings[]> {
  const bindPassword = await ctx.secrets.open(integration.bindPasswordSealed, secretContext(integration.id, 'bindPassword'));
  const clientKeyPem = integration.clientKeySealed ? await ctx.secrets.open(integration.clientKeySealed, secretContext(integration.id, 'clientKey')) : null;
  return integration.urls.map((url) => ({
    url,
    tlsMode: integration.tlsMode,
    caPem: integration.caPem,
    clientCertPem: integration.clientCertPem,
    clientKeyPem,
    bindDn: integration.bindDn,
    bindPassword,
    userFilter: integration.userFilter,
    groupFilter: integration.groupFilter,
    attributes: integration.attributes,
    connectTimeoutMs: integration.connectTimeoutMs,
    operationTimeoutMs: integration.operationTimeoutMs,
    ...(integration.api && { api: { ...integration.api, secret: bindPassword } }),
  }));
}

async function record(ctx: CommandContext, integrationId: string, report: TestReport): Promise<void> {
  const now = ctx.now();
  await ctx.store.transaction(async (tx) => {
    // Re-read under lock: the integration may have been disabled while the test ran.
    const current = await tx.integrations.findByName(ctx.accountId, report.integration, { lock: true });
    if (!current || current.id !== integrationId) return;
    await tx.tests.save({
      integrationId,
      testedAt: now,
      actor: actorKey(ctx.actor),
      ok: report.ok,
      failureClass: report.failure?.class ?? null,
      failureReason: report.failure?.reason ?? null,
      certificateNotAfter: report.certificate ? new Date(report.certificate.notAfter) : null,
      report,
    });
    const f = report.failure;
    if (current.state === 'error' && report.ok) {
      await tx.integrations.setState(integrationId, 'enabled', null, now);
    } else if (current.state === 'enabled' && f && STATE_CHANGING_CLASSES.includes(f.class)) {
      await tx.integrations.setState(integrationId, 'error', `test failed at ${f.stage}: ${f.class}/${f.reason}`, now);
    }
    await tx.audit.record(
      auditEntry(ctx, 'integration.test', report.integration, { ok: report.ok, failure: f ? { class: f.class, reason: f.reason, stage: f.stage } : null }, report.ok ? 'ok' : 'failed'),
    );
  });
}
