import { z } from 'zod';
import { decideWarnings } from '../../core/alert-policy.ts';
import { expiringCertificates, findLingering } from '../../core/lingering.ts';
import { defineCommand } from '../define-command.ts';
import { latestCertificate } from '../change/list-pending.ts';
import { loadAccount } from '../internal/load.ts';
import { recordAlerts } from './internal/record-alerts.ts';

/**
 * The scheduler's periodic look at an account: lingering integrations and expiring certificates
 * become warnings, at most daily; warnings whose cause is gone are resolved
 * (docs/architecture.md#lingering-warnings). Replicas may all call it: the alert lock makes each
 * decision once.
 */
export const reviewWarnings = defineCommand({
  name: 'alert.review_warnings',
  summary: 'Reviewing warnings',
  minRole: 'admin',
  audited: false,
  input: z.object({}).default({}),
  async run({ ctx }) {
    const now = ctx.now();
    const account = await loadAccount(ctx);
    const integrations = await ctx.store.integrations.list(ctx.accountId);
    const certificates = await Promise.all(integrations.map(async (i) => ({ integration: i.name, certificate: await latestCertificate(ctx, i.id) })));
    return ctx.store.transaction(async (tx) => {
      await tx.alerts.lock(ctx.accountId);
      const held = await tx.changes.summary(ctx.accountId);
      const plans = decideWarnings({
        integrations,
        lingering: findLingering({ integrations, held, lingeringHours: account.lingeringHours, now }),
        certificates: expiringCertificates(certificates, now),
        open: await tx.alerts.open(ctx.accountId),
        now,
      });
      await recordAlerts(tx, ctx.accountId, plans, now);
      return { opened: plans.filter((p) => p.op === 'open').length, changed: plans.filter((p) => p.op === 'update').length };
    });
  },
});
