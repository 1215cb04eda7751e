import { z } from 'zod';
import { isValidTimeZone } from '../../core/account.ts';
import { auditEntry, defineCommand } from '../define-command.ts';
import { loadAccount } from '../internal/load.ts';

export const UpdateAccountInput = z.object({
  timeZone: z.string().trim().refine(isValidTimeZone, 'not an IANA time zone (e.g. Europe/Berlin, America/New_York, UTC)').optional(),
  deletionThresholdCount: z.number().int().min(0).max(10_000_000).optional(),
  deletionThresholdPercent: z.number().int().min(0).max(100).optional(),
  lingeringHours: z.number().int().min(1).max(24 * 365).optional(),
});

export const updateAccount = defineCommand({
  name: 'account.update',
  summary: 'Changing account settings',
  minRole: 'admin',
  audited: true,
  input: UpdateAccountInput,
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
