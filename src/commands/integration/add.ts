import { DEFAULT_DELTA_SCHEDULE } from '../../core/delta.ts';
import { CommandError } from '../../core/errors.ts';
import { DEFAULT_SCHEDULE, DEFAULT_TIMEOUTS, defaultTlsMode, isApiKind, KIND_DEFAULTS, secretContext, type Integration } from '../../core/integration.ts';
import { apiSettingsInput } from './internal/api-input.ts';
import { apiDraft, apiUrl } from './internal/api-draft.ts';
import { auditEntry, defineCommand } from '../define-command.ts';
import { checkIntegrationDraft } from './internal/checks.ts';
import type { CommandContext } from '../context.ts';
import { IntegrationName, integrationSettings } from './internal/input.ts';
import { toIntegrationView } from './internal/view.ts';
import { loadAccount } from '../internal/load.ts';
import { NAME } from '../internal/words.ts';
import { ADD_DETAILS, ADD_OPTIONS } from './internal/options.ts';

export const addIntegrationInput = (ctx: CommandContext) => integrationSettings(ctx).partial({
  tlsMode: true,
  caPem: true,
  clientCertPem: true,
  clientKeyPem: true,
  userFilter: true,
  groupFilter: true,
  attributes: true,
  schedule: true,
  deltaSchedule: true,
  connectTimeoutMs: true,
  operationTimeoutMs: true,
  acknowledgeDisabled: true,
  // Not for the API kinds; required for LDAP kinds below.
  urls: true,
  bindDn: true,
  bindPassword: true,
  baseDns: true,
}).extend({ name: IntegrationName, ...apiSettingsInput(ctx) }).superRefine((input, issues) => {
  if (isApiKind(input.kind)) return;
  for (const [field, message] of LDAP_REQUIRED) {
    if (input[field] === undefined) issues.addIssue({ code: 'custom', path: [field], message });
  }
});

const LDAP_REQUIRED = [
  ['urls', 'give at least one --url'],
  ['bindDn', 'give the bind DN (--bind-dn)'],
  ['bindPassword', 'give the bind password'],
  ['baseDns', 'give at least one --base-dn'],
] as const;

export const addIntegration = defineCommand({
  name: 'integration.add',
  summary: 'Adding an integration',
  minRole: 'admin',
  audited: true,
  input: addIntegrationInput,
  face: {
    words: 'integrations add',
    args: [NAME],
    options: ADD_OPTIONS,
    summary: 'Add a directory integration',
    details: ADD_DETAILS,
    faces: ['cli', 'dashboard'],
  },
  async run({ ctx, input }) {
    const account = await loadAccount(ctx);
    const defaults = KIND_DEFAULTS[input.kind];
    const attributes = { ...defaults.attributes, ...input.attributes };
    const id = crypto.randomUUID();
    const api = isApiKind(input.kind) ? apiDraft(input.kind, input, null) : null;
    const urls = api ? [apiUrl(api.api)] : input.urls!;
    const bindDn = api ? (api.api.kind === 'entra_id' ? api.api.clientId : api.api.clientEmail) : input.bindDn!;
    // HTTPS is TLS from the first byte, as ldaps:// is.
    const tlsMode = api ? 'ldaps' : (input.tlsMode ?? defaultTlsMode(urls[0]!));
    const schedule = input.schedule ?? DEFAULT_SCHEDULE;
    checkIntegrationDraft(
      ctx,
      {
        kind: input.kind,
        urls,
        bindDn,
        tlsMode,
        caPem: input.caPem ?? null,
        clientCertPem: api ? null : (input.clientCertPem ?? null),
        clientKeyPem: input.clientKeyPem ?? null,
        hasClientKey: input.clientKeyPem !== undefined,
        schedule,
        attributes,
      },
      account.timeZone,
    );

    const now = ctx.now();
    const secret = api ? api.secret! : input.bindPassword!;
    const row: Integration = {
      id,
      accountId: ctx.accountId,
      name: input.name,
      kind: input.kind,
      urls,
      tlsMode,
      caPem: input.caPem ?? null,
      clientCertPem: api ? api.clientCertPem : (input.clientCertPem ?? null),
      clientKeySealed: input.clientKeyPem ? await ctx.secrets.seal(input.clientKeyPem, secretContext(id, 'clientKey')) : null,
      bindDn,
      // The API kinds' secret is sealed exactly like a bind password, in the same column.
      bindPasswordSealed: await ctx.secrets.seal(secret, secretContext(id, 'bindPassword')),
      baseDns: input.baseDns ?? [],
      userFilter: input.userFilter ?? defaults.userFilter,
      groupFilter: input.groupFilter ?? defaults.groupFilter,
      attributes,
      schedule,
      deltaSchedule: input.deltaSchedule ?? DEFAULT_DELTA_SCHEDULE,
      connectTimeoutMs: input.connectTimeoutMs ?? DEFAULT_TIMEOUTS.connectTimeoutMs,
      operationTimeoutMs: input.operationTimeoutMs ?? DEFAULT_TIMEOUTS.operationTimeoutMs,
      // Only AD (and the API kinds: accountEnabled, suspended) mark accounts disabled in a standard way.
      acknowledgeDisabled: input.acknowledgeDisabled ?? (input.kind === 'active_directory' || api !== null),
      api: api?.api ?? null,
      state: 'enabled',
      stateChangedAt: now,
      stateReason: null,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    };
    await ctx.store.transaction(async (tx) => {
      if (await tx.integrations.findByName(ctx.accountId, input.name)) {
        const message = `integration "${input.name}" already exists: pick another name, or change that one with update`;
        throw new CommandError('conflict', message, [{ field: 'name', message }]);
      }
      await tx.integrations.insert(row);
      await tx.audit.record(auditEntry(ctx, 'integration.add', input.name, { kind: row.kind, urls: row.urls, tlsMode, ...(api && { api: api.api }) }));
    });
    return toIntegrationView(row, ctx.pki, now);
  },
});
