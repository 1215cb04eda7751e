import { z } from 'zod';
import { defineCommand, parseInput } from '../define-command.ts';
import { BaseDns, BindIdentity } from './internal/input.ts';

// The very schemas add and update use, so a form hears exactly what saving it would say.
const Checks = {
  bindDn: z.object({ bindDn: BindIdentity }),
  baseDns: z.object({ baseDns: BaseDns }),
};

/**
 * Checks a DN field while it is typed. Fails with a validation error whose issue carries the
 * corrected DN as `fix` when there is one (`OU=Docs/KB` → `OU=Docs\2FKB`). `baseDns` takes one
 * DN per line; blank lines are skipped and an issue names its DN as `baseDns.<index>` among
 * the others, as saving the list would.
 */
export const checkDn = defineCommand({
  name: 'integration.check_dn',
  summary: 'Checking a DN',
  minRole: 'viewer',
  audited: false,
  input: z.object({ field: z.enum(['bindDn', 'baseDns']), value: z.string().max(16_384) }),
  async run({ input }): Promise<{ ok: true }> {
    if (input.field === 'bindDn') parseInput(Checks.bindDn, { bindDn: input.value });
    else parseInput(Checks.baseDns, { baseDns: input.value.split(/\r?\n/).filter((line) => line.trim() !== '') });
    return { ok: true };
  },
});
