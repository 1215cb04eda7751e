import { orderedAttributes, type Integration } from '../../../core/integration.ts';
import type { Pki } from '../../../core/ports.ts';
import { integrationWarnings } from '../../../core/integration-warnings.ts';

export interface CertificateSummary {
  subject: string;
  issuer: string;
  notAfter: string;
}

/** What faces may show of an integration: secrets reduced to "set", certificates to summaries. */
export interface IntegrationView {
  id: string;
  name: string;
  kind: Integration['kind'];
  urls: string[];
  tlsMode: Integration['tlsMode'];
  bindDn: string;
  bindPasswordSet: boolean;
  baseDns: string[];
  userFilter: string;
  groupFilter: string;
  attributes: Integration['attributes'];
  schedule: string;
  /** Cron of delta reads, or 'off'. */
  deltaSchedule: string;
  connectTimeoutMs: number;
  operationTimeoutMs: number;
  acknowledgeDisabled: boolean;
  state: Integration['state'];
  stateChangedAt: string;
  stateReason: string | null;
  caCertificates: CertificateSummary[];
  clientCertificate: CertificateSummary | null;
  /** Things an operator should act on that are not failures (plain LDAP, certificates near expiry). */
  warnings: string[];
  createdAt: string;
  updatedAt: string;
}

export function toIntegrationView(integration: Integration, pki: Pki, now: Date): IntegrationView {
  const summarize = (pem: string | null): CertificateSummary[] => {
    if (!pem) return [];
    try {
      return pki.parseCertificates(pem).map((c) => ({ subject: c.subject, issuer: c.issuer, notAfter: c.notAfter.toISOString() }));
    } catch {
      return [];
    }
  };
  const caCertificates = summarize(integration.caPem);
  const clientCertificate = summarize(integration.clientCertPem)[0] ?? null;
  return {
    id: integration.id,
    name: integration.name,
    kind: integration.kind,
    urls: integration.urls,
    tlsMode: integration.tlsMode,
    bindDn: integration.bindDn,
    bindPasswordSet: integration.bindPasswordSealed.length > 0,
    baseDns: integration.baseDns,
    userFilter: integration.userFilter,
    groupFilter: integration.groupFilter,
    attributes: orderedAttributes(integration.attributes),
    schedule: integration.schedule,
    deltaSchedule: integration.deltaSchedule,
    connectTimeoutMs: integration.connectTimeoutMs,
    operationTimeoutMs: integration.operationTimeoutMs,
    acknowledgeDisabled: integration.acknowledgeDisabled,
    state: integration.state,
    stateChangedAt: integration.stateChangedAt.toISOString(),
    stateReason: integration.stateReason,
    caCertificates,
    clientCertificate,
    warnings: integrationWarnings(integration, [...caCertificates, ...(clientCertificate ? [clientCertificate] : [])], now),
    createdAt: integration.createdAt.toISOString(),
    updatedAt: integration.updatedAt.toISOString(),
  };
}
