import { z } from 'zod';
import { checkDn } from '../../../core/dn.ts';
import { checkFilter } from '../../../core/ldap-filter.ts';
import type { CommandContext } from '../../context.ts';
import { DELTA_OFF } from '../../../core/delta.ts';
import { ATTRIBUTE_KEYS, INTEGRATION_KINDS, TLS_MODES } from '../../../core/integration.ts';

/** Names appear in chat commands (`/dirsync test corp-ad`), so keep them slug-like. */
export const IntegrationName = z
  .string()
  .trim()
  .regex(
    /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
    'use 1–63 lower-case letters, digits and dashes, starting and ending with a letter or digit (e.g. corp-ad)',
  );

export const LdapUrl = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const problem = checkLdapUrl(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem.message, params: problem.fix ? { fix: problem.fix } : {} });
  })
  .transform((value) => value.replace(/\/$/, ''));

/** A DN checked per RFC 4514 and the downstream escaping rule; stored in canonical form. */
export const DnString = z.string().transform((value, ctx) => {
  const result = checkDn(value);
  if (result.ok) return result.text;
  ctx.addIssue({ code: 'custom', message: result.message, params: result.corrected ? { fix: result.corrected } : {} });
  return z.NEVER;
});

/** Active Directory also binds as user@domain (UPN) or DOMAIN\user; other directories need a DN. */
export const NON_DN_BIND = /^(?:[^\s@=,\\]+@[^\s@=,\\]+|[^\s@=,\\]+\\[^\s@=,\\]+)$/;

export const BindIdentity = z.string().transform((value, ctx) => {
  const trimmed = value.trim();
  if (NON_DN_BIND.test(trimmed)) return trimmed;
  const result = checkDn(value);
  if (result.ok) return result.text;
  ctx.addIssue({ code: 'custom', message: result.message, params: result.corrected ? { fix: result.corrected } : {} });
  return z.NEVER;
});

export const LdapFilter = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const result = checkFilter(value);
    if (!result.ok) {
      const message = result.fix ? `${result.message}: write ${result.fix}` : result.message;
      ctx.addIssue({ code: 'custom', message, params: result.fix ? { fix: result.fix } : {} });
    }
  });

export const AttributeName = z
  .string()
  .trim()
  .regex(/^(?:[A-Za-z][A-Za-z0-9-]*|\d+(?:\.\d+)+)$/, 'not an LDAP attribute name (letters, digits, dashes; or an OID)');

/** proxyAddresses may be empty: "this directory has none" (see isMapped in core/sample-analysis.ts). */
const AttributeMapping = z.union([AttributeName, z.literal('')]);

export const AttributeOverrides = z.partialRecord(z.enum(ATTRIBUTE_KEYS), AttributeMapping, {
  error: (issue) =>
    issue.code === 'invalid_key'
      ? `unknown attribute key; the keys are ${ATTRIBUTE_KEYS.join(', ')}`
      : undefined,
}).superRefine((map, ctx) => {
  for (const key of ATTRIBUTE_KEYS) {
    if (key !== 'proxyAddresses' && map[key] === '') {
      ctx.addIssue({ code: 'custom', path: [key], message: `${key} needs an attribute name; only proxyAddresses may be empty (a directory without proxy addresses)` });
    }
  }
});

export const BindPassword = z
  .string()
  .min(1, 'an empty bind password is refused: Active Directory treats a DN with an empty password as an anonymous bind that succeeds');

export const BaseDns = z.array(DnString).min(1, 'give at least one --base-dn').max(16, 'at most 16 base DNs');

/** A cron expression (croner syntax); its reason when croner refuses it. */
export const Schedule = (cron: CommandContext['cron']) =>
  // Syntax only: the account's zone does not change whether an expression is valid.
  z.string().trim().min(1).superRefine(portCheck((expr) => cron.check(expr, 'UTC')));

/** A cron expression for delta reads, or 'off'. */
export const DeltaSchedule = (cron: CommandContext['cron']) =>
  z.string().trim().min(1).superRefine(portCheck((expr) => (expr === DELTA_OFF ? null : cron.check(expr, 'UTC'))));

export const PemText = z.string().trim().min(1, 'the file is empty');

/**
 * Fields shared by add and update. Built per context because the cron and certificate checks
 * go through ports; rules that span fields live in integration-checks.ts.
 */
export const integrationSettings = (ports: Pick<CommandContext, 'cron' | 'pki'>) => z.object({
  kind: z.enum(INTEGRATION_KINDS),
  urls: z.array(LdapUrl).min(1, 'give at least one --url').max(8, 'at most 8 URLs'),
  tlsMode: z.enum(TLS_MODES),
  caPem: PemText.superRefine(portCheck((pem) => void ports.pki.parseCertificates(pem))),
  clientCertPem: PemText.superRefine(portCheck((pem) => void ports.pki.parseCertificates(pem))),
  clientKeyPem: PemText,
  bindDn: BindIdentity,
  bindPassword: BindPassword,
  baseDns: BaseDns,
  userFilter: LdapFilter,
  groupFilter: LdapFilter,
  attributes: AttributeOverrides,
  schedule: Schedule(ports.cron),
  deltaSchedule: DeltaSchedule(ports.cron),
  // A face passes NaN for text that is not a number: the command judges it after the role check.
  connectTimeoutMs: z.number({ error: 'must be a number' }).int().min(100, 'at least 0.1 s').max(60_000, 'at most 60 s'),
  operationTimeoutMs: z.number({ error: 'must be a number' }).int().min(1_000, 'at least 1 s').max(300_000, 'at most 300 s'),
  acknowledgeDisabled: z.boolean(),
});

/** Adapts a port check (returns a problem, or throws one) to a zod refinement. */
function portCheck(check: (value: string) => string | null | void) {
  return (value: string, ctx: z.RefinementCtx) => {
    try {
      const problem = check(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: (e as Error).message });
    }
  };
}

function checkLdapUrl(value: string): { message: string; fix?: string } | null {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value)?.[1]?.toLowerCase();
  if (scheme !== 'ldap' && scheme !== 'ldaps') {
    return { message: `"${value}" must start with ldap:// or ldaps:// (e.g. ldaps://dc1.corp.example:636)` };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { message: `"${value}" is not a valid URL` };
  }
  const bare = `${scheme}://${url.host}`;
  if (url.username || url.password) {
    return { message: 'credentials do not belong in the URL: use the bind DN and the password options', fix: bare };
  }
  if (!url.hostname) return { message: `"${value}" has no host name` };
  if (url.port === '0') return { message: `"${value}": port 0 is not a port a directory can listen on` };
  if ((url.pathname && url.pathname !== '/') || url.search || url.hash) {
    return { message: `"${value}" carries a DN or search options: give only scheme, host and port, and the base DN separately`, fix: bare };
  }
  return null;
}
