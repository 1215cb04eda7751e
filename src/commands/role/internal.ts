import { z } from 'zod';
import { parseIdentity, ROLES } from '../../core/roles.ts';

export const Identity = z
  .string()
  .trim()
  .refine((v) => parseIdentity(v) !== null, {
    message: 'name a person as slack:<user id>, teams:<AAD object id> or web:<login> (in Slack, @mention them)',
  });

export const RoleName = z.enum(ROLES, { message: `a role is one of ${ROLES.join(', ')}` });

/** What `roles grant` and `roles revoke` help says about identities. */
export const ROLES_DETAILS = [
  '<who> is slack:<user id> (e.g. slack:U024BE7LH), teams:<AAD object id> or web:<login>.',
  'Anyone without a role is a viewer. The last admin cannot be revoked or demoted; DIRSYNC_ADMINS',
  '(comma-separated identities) makes those identities admins at every start.',
].join('\n');
