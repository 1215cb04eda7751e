import { z } from 'zod';
import { readFingerprint, type DeltaMark } from '../../core/delta.ts';
import { defineCommand } from '../define-command.ts';
import { IntegrationName } from './internal/input.ts';
import { toIntegrationView } from './internal/view.ts';
import { loadAccount, loadIntegration } from '../internal/load.ts';
import { NAME } from '../internal/words.ts';

/** The watermark as `show` gives it; `current`: taken under today's settings (else the next sync reads in full). */
export type ShownWatermark = DeltaMark & { takenAt: string; lastFullAt: string | null; current: boolean };

export const showIntegration = defineCommand({
  name: 'integration.show',
  summary: 'Showing an integration',
  minRole: 'viewer',
  audited: false,
  input: z.object({ name: IntegrationName }),
  face: {
    words: 'show',
    aliases: ['integrations show'],
    args: [NAME],
    summary: 'One integration\'s settings (the password only as "set"), state, last test and next runs',
    faces: ['cli', 'dashboard'],
  },
  async run({ ctx, input }) {
    const [account, integration] = await Promise.all([loadAccount(ctx), loadIntegration(ctx, input.name)]);
    const nextRuns = integration.state === 'disabled' ? [] : ctx.cron.nextRuns(integration.schedule, account.timeZone, 3, ctx.now());
    const test = await ctx.store.tests.latest(integration.id);
    const lastTest = test && {
      testedAt: test.testedAt.toISOString(),
      actor: test.actor,
      ok: test.ok,
      failure: test.report.failure && { class: test.report.failure.class, reason: test.report.failure.reason, stage: test.report.failure.stage },
      certificate: test.report.certificate,
      // The staged result in full: the dashboard renders it as chat does.
      report: test.report,
    };
    const w = await ctx.store.sync.watermark(integration.id);
    // Where the next delta starts, and when the directory was last read in full.
    const watermark: ShownWatermark | null = w && { ...w.mark, takenAt: w.takenAt.toISOString(), lastFullAt: w.lastFullAt?.toISOString() ?? null, current: w.fingerprint === readFingerprint(integration) };
    return { ...toIntegrationView(integration, ctx.pki, ctx.now()), timeZone: account.timeZone, nextRuns: nextRuns.map((d) => d.toISOString()), lastTest, watermark };
  },
});
