import type { IntegrationView } from '../../commands/integration/internal/view.ts';
import { DEFAULT_SCHEDULE, DEFAULT_TIMEOUTS } from '../../core/integration.ts';
import type { IntegrationFormValues } from '../../../web/integration-form.tsx';

type Body = Record<string, string | File | (string | File)[]>;
const str = (body: Body, key: string) => (typeof body[key] === 'string' ? (body[key] as string) : '');
const lines = (text: string) => text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);

/** The form as submitted, kept as text so a refused form is shown back unchanged. */
export function formValues(body: Body): IntegrationFormValues {
  return {
    name: str(body, 'name').trim(),
    kind: str(body, 'kind'),
    urls: str(body, 'urls'),
    tlsMode: str(body, 'tlsMode'),
    bindDn: str(body, 'bindDn'),
    baseDns: str(body, 'baseDns'),
    userFilter: str(body, 'userFilter'),
    groupFilter: str(body, 'groupFilter'),
    schedule: str(body, 'schedule'),
    connectTimeoutSeconds: str(body, 'connectTimeoutSeconds'),
    operationTimeoutSeconds: str(body, 'operationTimeoutSeconds'),
    acknowledgeDisabled: str(body, 'acknowledgeDisabled') === '1',
    caPem: str(body, 'caPem'),
    clearCa: str(body, 'clearCa') === '1',
  };
}

export const blankValues = (): IntegrationFormValues => ({
  name: '', kind: 'active_directory', urls: '', tlsMode: 'ldaps', bindDn: '', baseDns: '', userFilter: '', groupFilter: '',
  schedule: DEFAULT_SCHEDULE, connectTimeoutSeconds: String(DEFAULT_TIMEOUTS.connectTimeoutMs / 1000),
  operationTimeoutSeconds: String(DEFAULT_TIMEOUTS.operationTimeoutMs / 1000), acknowledgeDisabled: true, caPem: '', clearCa: false,
});

export function viewValues(v: IntegrationView): IntegrationFormValues {
  return {
    name: v.name, kind: v.kind, urls: v.urls.join('\n'), tlsMode: v.tlsMode, bindDn: v.bindDn, baseDns: v.baseDns.join('\n'),
    userFilter: v.userFilter, groupFilter: v.groupFilter, schedule: v.schedule,
    connectTimeoutSeconds: String(v.connectTimeoutMs / 1000), operationTimeoutSeconds: String(v.operationTimeoutMs / 1000),
    acknowledgeDisabled: v.acknowledgeDisabled, caPem: '', clearCa: false,
  };
}

/**
 * Seconds as typed, in milliseconds; NaN for text that is not a number, which the command
 * refuses (after checking the role: a viewer's bad value is still a 403, not a 400).
 */
function milliseconds(text: string): number | undefined {
  if (!text.trim()) return undefined;
  return Math.round(Number(text) * 1000);
}

/** Settings both add and update take; empty optional fields are left out (default / keep). */
function settings(v: IntegrationFormValues, password: string) {
  const connectTimeoutMs = milliseconds(v.connectTimeoutSeconds);
  const operationTimeoutMs = milliseconds(v.operationTimeoutSeconds);
  return {
    kind: v.kind as IntegrationView['kind'],
    urls: lines(v.urls),
    tlsMode: v.tlsMode as IntegrationView['tlsMode'],
    bindDn: v.bindDn,
    baseDns: lines(v.baseDns),
    schedule: v.schedule,
    acknowledgeDisabled: v.acknowledgeDisabled,
    ...(password && { bindPassword: password }),
    ...(v.userFilter.trim() && { userFilter: v.userFilter }),
    ...(v.groupFilter.trim() && { groupFilter: v.groupFilter }),
    ...(v.caPem.trim() && { caPem: v.caPem }),
    ...(connectTimeoutMs !== undefined && { connectTimeoutMs }),
    ...(operationTimeoutMs !== undefined && { operationTimeoutMs }),
  };
}

export function addInput(v: IntegrationFormValues, password: string) {
  // An empty password reaches the command, which explains why it is refused.
  return { name: v.name, ...settings(v, password), bindPassword: password };
}

export function updateInput(current: string, v: IntegrationFormValues, password: string) {
  return { name: current, ...settings(v, password), ...(v.name && v.name !== current && { rename: v.name }), ...(v.clearCa && !v.caPem.trim() && { clearCa: true }) };
}
