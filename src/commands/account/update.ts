import { z } from 'zod';
import { isValidTimeZone } from '../../core/account.ts';
import { auditEntry, defineCommand } from '../define-command.ts';
import { loadAccount } from '../internal/load.ts';

export const UpdateAccountInput = z.object({
  timeZone: z.string().trim().refine(isValidTimeZone, 'not an IANA time zone (e.g. Europe/Berlin, America/New_York, UTC)').optional(),
  deletionThresholdCount: z.number().int().min(0).max(10_000_000).optional(),
  deletionThresholdPercent: z.number().int().min(0).max(100).optional(),
  lingeringHours: z.number().int().min(1).max(24 * 365).optional(),
}).refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'nothing to change: give at least one setting' });

export const updateAccount = defineCommand({
  name: 'account.update',
  summary: 'Changing account settings',
  minRole: 'admin',
  audited: true,
  input: UpdateAccountInput,
  face: {
    words: 'account update',
    options: [
      { key: 'timeZone', name: 'time-zone', kind: 'text', value: 'TZ', help: 'IANA zone for schedules (e.g. Europe/Berlin)' },
      { key: 'deletionThresholdCount', name: 'deletion-threshold-count', kind: 'integer', value: 'N', help: 'Destructive changes above N in one run need approval (default 500)' },
      { key: 'deletionThresholdPercent', name: 'deletion-threshold-percent', kind: 'integer', value: 'P', help: "…or above P % of the integration's active users (default 10)" },
      { key: 'lingeringHours', name: 'lingering-hours', kind: 'integer', value: 'H', help: 'Warn about integrations disabled or in error longer than H hours (default 24)' },
    ],
    summary: 'Change account settings (time zone, thresholds)',
    faces: ['cli'],
  },
  async run({ ctx, input }) {
    return ctx.store.transaction(async (tx) => {
      const before = await loadAccount(ctx, tx);
      const updated = await tx.accounts.update(ctx.accountId, input, ctx.now());
      const changed = Object.fromEntries(
        Object.entries(input).map(([key, value]) => [key, { from: before[key as keyof typeof input], to: value }]),
      );
      await tx.audit.record(auditEntry(ctx, 'account.update', before.name, { changed }));
      return updated;
    });
  },
});
