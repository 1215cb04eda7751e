import { z } from 'zod';
import { CommandError, invalid } from '../../core/errors.ts';
import { isApiKind } from '../../core/integration.ts';
import { apiSettingsInput } from './internal/api-input.ts';
import { apiDraft, apiUrl } from './internal/api-draft.ts';
import { defaultTlsMode, KIND_DEFAULTS, orderedAttributes, type AttributeMap, secretContext, type Integration, type IntegrationFields } from '../../core/integration.ts';
import { auditEntry, defineCommand } from '../define-command.ts';
import { checkIntegrationDraft } from './internal/checks.ts';
import type { CommandContext } from '../context.ts';
import { IntegrationName, integrationSettings } from './internal/input.ts';
import { toIntegrationView } from './internal/view.ts';
import { loadAccount, loadIntegration } from '../internal/load.ts';
import { NAME } from '../internal/words.ts';
import { UPDATE_OPTIONS } from './internal/options.ts';

export const updateIntegrationInput = (ctx: CommandContext) => integrationSettings(ctx).partial().extend({
  name: IntegrationName,
  rename: IntegrationName.optional(),
  clearCa: z.boolean().optional(),
  clearClientCertificate: z.boolean().optional(),
  ...apiSettingsInput(ctx),
});

export const updateIntegration = defineCommand({
  name: 'integration.update',
  summary: 'Changing an integration',
  minRole: 'admin',
  audited: true,
  input: updateIntegrationInput,
  face: {
    words: 'integrations update',
    args: [NAME],
    options: UPDATE_OPTIONS,
    summary: 'Change settings of an integration: only the options given change',
    faces: ['cli', 'dashboard'],
  },
  async run({ ctx, input }) {
    const account = await loadAccount(ctx);
    return ctx.store.transaction(async (tx) => {
      const current = await loadIntegration(ctx, input.name, tx, { lock: true });
      const seal = (plain: string, field: 'bindPassword' | 'clientKey') => ctx.secrets.seal(plain, secretContext(current.id, field));
      const kind = input.kind ?? current.kind;
      if (isApiKind(kind) !== isApiKind(current.kind)) {
        throw invalid([{ field: 'kind', message: `${current.kind} and ${kind} are read differently (LDAP or HTTP API): add a new integration instead` }]);
      }
      const misplaced = API_FIELDS.filter((field) => !isApiKind(kind) && input[field] !== undefined);
      if (misplaced.length > 0) throw invalid(misplaced.map((field) => ({ field, message: `only for entra_id and google_workspace; ${current.name} is ${kind}` })));
      const patch = isApiKind(kind) ? await buildApiPatch(current, input, seal) : await buildPatch(current, input, seal);
      const next = { ...current, ...patch };
      // A new certificate must match the key, whether the key is new too or already stored.
      const storedKey = input.clientCertPem && current.clientKeySealed && input.clientKeyPem === undefined
        ? await ctx.secrets.open(current.clientKeySealed, secretContext(current.id, 'clientKey'))
        : null;
      const draft = { ...next, clientKeyPem: input.clientKeyPem ?? storedKey, hasClientKey: next.clientKeySealed !== null };
      checkIntegrationDraft(ctx, draft, account.timeZone);
      if (input.rename && input.rename !== current.name && (await tx.integrations.findByName(ctx.accountId, input.rename))) {
        const message = `integration "${input.rename}" already exists: pick another name`;
        throw new CommandError('conflict', message, [{ field: 'rename', message }]);
      }
      // Reported by input field name: callers never see the sealed columns.
      const changed = Object.keys(patch).map((key) => (key === 'bindPasswordSealed' && isApiKind(kind) ? apiSecretField(input) : (SEALED_FIELD_INPUT[key] ?? key)));
      const updated = changed.length > 0 ? await tx.integrations.update(current.id, patch, ctx.now()) : current;
      // Field names only: values may be secret (the password) or long (CA bundles).
      await tx.audit.record(auditEntry(ctx, 'integration.update', current.name, { changed, renamedTo: input.rename ?? null }));
      return { integration: toIntegrationView(updated, ctx.pki, ctx.now()), changed };
    });
  },
});

const API_FIELDS = ['tenantId', 'clientId', 'clientSecret', 'clientCertificate', 'graphUrl', 'loginUrl', 'customerId', 'adminEmail', 'serviceAccount', 'googleApiUrl', 'googleTokenUrl'] as const;

type UpdateInput = z.output<ReturnType<typeof updateIntegrationInput>>;

const SEALED_FIELD_INPUT: Record<string, string> = { bindPasswordSealed: 'bindPassword', clientKeySealed: 'clientKeyPem' };
/** The API kinds' secret shares the bind password's column; the audit names what was given. */
const apiSecretField = (input: UpdateInput) => (input.clientSecret !== undefined ? 'clientSecret' : input.clientCertificate !== undefined ? 'clientCertificate' : 'serviceAccount');

async function buildPatch(
  current: Integration,
  input: UpdateInput,
  seal: (plain: string, field: 'bindPassword' | 'clientKey') => Promise<string>,
): Promise<Partial<IntegrationFields>> {
  const patch: Partial<IntegrationFields> = {};
  const set = <K extends keyof IntegrationFields>(key: K, value: IntegrationFields[K] | undefined) => {
    const same = key === 'attributes' ? sameAttributes(value as AttributeMap, current.attributes) : JSON.stringify(value) === JSON.stringify(current[key]);
    if (value !== undefined && !same) patch[key] = value;
  };
  set('name', input.rename);
  set('kind', input.kind);
  set('urls', input.urls);
  const firstUrl = input.urls?.[0];
  // Switching between ldap:// and ldaps:// without naming a TLS mode takes that scheme's default.
  if (firstUrl && !input.tlsMode && defaultTlsMode(firstUrl) !== defaultTlsMode(current.urls[0]!)) set('tlsMode', defaultTlsMode(firstUrl));
  set('tlsMode', input.tlsMode);
  set('bindDn', input.bindDn);
  set('baseDns', input.baseDns);
  set('schedule', input.schedule);
  set('deltaSchedule', input.deltaSchedule);
  set('connectTimeoutMs', input.connectTimeoutMs);
  set('operationTimeoutMs', input.operationTimeoutMs);
  set('acknowledgeDisabled', input.acknowledgeDisabled);
  if (input.kind && input.kind !== current.kind) {
    // Settings still at the old kind's defaults follow the kind; customised ones stay.
    const before = KIND_DEFAULTS[current.kind];
    const after = KIND_DEFAULTS[input.kind];
    if (current.userFilter === before.userFilter) set('userFilter', after.userFilter);
    if (current.groupFilter === before.groupFilter) set('groupFilter', after.groupFilter);
    if (sameAttributes(current.attributes, before.attributes)) set('attributes', after.attributes);
  }
  set('userFilter', input.userFilter);
  set('groupFilter', input.groupFilter);
  if (input.attributes) set('attributes', { ...(patch.attributes ?? current.attributes), ...input.attributes });
  if (input.clearCa) patch.caPem = null;
  else set('caPem', input.caPem);
  if (input.clearClientCertificate) {
    patch.clientCertPem = null;
    patch.clientKeySealed = null;
  } else {
    set('clientCertPem', input.clientCertPem);
    if (input.clientKeyPem !== undefined) patch.clientKeySealed = await seal(input.clientKeyPem, 'clientKey');
  }
  if (input.bindPassword !== undefined) patch.bindPasswordSealed = await seal(input.bindPassword, 'bindPassword');
  return patch;
}

/** An Entra ID or Google Workspace integration: its API settings, the secret, and the shared settings. */
async function buildApiPatch(current: Integration, input: UpdateInput, seal: (plain: string, field: 'bindPassword') => Promise<string>): Promise<Partial<IntegrationFields>> {
  const kind = input.kind ?? current.kind;
  if (!isApiKind(kind)) throw new Error('buildApiPatch: not an API kind');
  const draft = apiDraft(kind, input, current.api ?? null);
  const patch: Partial<IntegrationFields> = {};
  // jsonb reorders keys: compare with sorted keys.
  const canonical = (v: unknown) => JSON.stringify(v, (_, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort()) : x));
  const set = <K extends keyof IntegrationFields>(key: K, value: IntegrationFields[K] | undefined) => {
    if (value !== undefined && canonical(value) !== canonical(current[key])) patch[key] = value;
  };
  set('name', input.rename);
  set('kind', kind);
  set('api', draft.api);
  set('urls', [apiUrl(draft.api)]);
  set('bindDn', draft.api.kind === 'entra_id' ? draft.api.clientId : draft.api.clientEmail);
  set('schedule', input.schedule);
  set('connectTimeoutMs', input.connectTimeoutMs);
  set('operationTimeoutMs', input.operationTimeoutMs);
  set('acknowledgeDisabled', input.acknowledgeDisabled);
  if (input.clearCa) patch.caPem = null;
  else set('caPem', input.caPem);
  // A secret replaces a certificate (and the other way round): the old credential goes.
  if (draft.api.kind === 'entra_id' && draft.api.credential === 'client_secret') set('clientCertPem', null);
  else set('clientCertPem', draft.clientCertPem ?? undefined);
  if (draft.secret !== null) patch.bindPasswordSealed = await seal(draft.secret, 'bindPassword');
  return patch;
}

/** jsonb reorders keys, so compare mappings in their canonical order. */
function sameAttributes(a: AttributeMap | undefined, b: AttributeMap): boolean {
  return a !== undefined && JSON.stringify(orderedAttributes(a)) === JSON.stringify(orderedAttributes(b));
}
