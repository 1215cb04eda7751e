import { z } from 'zod';
import { SNOOZE_MS } from '../../core/alerts.ts';
import { CommandError } from '../../core/errors.ts';
import { actorKey } from '../../core/roles.ts';
import { auditEntry, defineCommand } from '../define-command.ts';

export const AlertId = z.preprocess((v) => (typeof v === 'string' ? Number(v.replace(/^#/, '')) : v), z.number({ message: 'an alert id is a number' }).int().positive());

/** Snooze 7 days: a lingering warning stops repeating for a week (it still resolves on its own). */
export const snoozeAlert = defineCommand({
  name: 'alert.snooze',
  summary: 'Snoozing a warning',
  minRole: 'operator',
  audited: true,
  input: z.object({ id: AlertId }),
  async run({ ctx, input }) {
    const now = ctx.now();
    return ctx.store.transaction(async (tx) => {
      await tx.alerts.lock(ctx.accountId);
      const alert = await tx.alerts.get(ctx.accountId, input.id);
      if (!alert) throw new CommandError('not_found', `alert #${input.id} does not exist`);
      if (alert.status !== 'open') throw new CommandError('failed_precondition', `alert #${alert.id} is already resolved (${alert.resolution ?? 'no longer seen'}): nothing to snooze`);
      if (alert.kind !== 'lingering') throw new CommandError('failed_precondition', `only lingering-integration warnings can be snoozed; #${alert.id} is a ${alert.kind} alert`);
      const by = actorKey(ctx.actor);
      const until = new Date(now.getTime() + SNOOZE_MS);
      const updated = await tx.alerts.update(alert.id, { snoozedUntil: until, snoozedBy: by });
      await tx.notifications.enqueue({ accountId: ctx.accountId, subject: 'alert', subjectId: alert.id, event: 'snoozed', payload: { by }, now });
      const integration = await tx.integrations.findById(alert.integrationId);
      await tx.audit.record(auditEntry(ctx, 'alert.snooze', integration?.name ?? null, { alert: alert.id, until: until.toISOString() }));
      return { alert: updated, until: until.toISOString() };
    });
  },
});
