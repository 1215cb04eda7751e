import { z } from 'zod';
import { parseIdentity, ROLES } from '../../core/roles.ts';

export const Identity = z
  .string()
  .trim()
  .refine((v) => parseIdentity(v) !== null, {
    message: 'name a person as slack:<user id>, teams:<AAD object id> or web:<login> (in Slack, @mention them)',
  });

export const RoleName = z.enum(ROLES, { message: `a role is one of ${ROLES.join(', ')}` });
