import { CERTIFICATE_WARNING_DAYS, daysUntil } from './integration-warnings.ts';
import type { IntegrationState } from './integration.ts';
import { CHANGE_KINDS, emptyByKind, totalOf, type ByKind } from './sync.ts';
import type { HeldSummary } from './sync-ports.ts';

export interface LingeringWarning {
  integration: string;
  state: Exclude<IntegrationState, 'enabled'>;
  since: Date;
  hours: number;
  /** Held changes it blocks, per kind, and the integrations they belong to. */
  blocks: { total: number; byKind: ByKind; integrations: string[] };
}

/**
 * An integration disabled (or in error) longer than the account's lingering age while
 * destructive changes are held because of it (docs/architecture.md#lingering-warnings). The data
 * the chat warnings show.
 */
export function findLingering(input: {
  integrations: { id: string; name: string; state: IntegrationState; stateChangedAt: Date }[];
  held: HeldSummary[];
  lingeringHours: number;
  now: Date;
  /** Names of the integrations whose changes are held, where `integrations` lacks them (deleted ones). */
  nameOf?: (integrationId: string) => string | undefined;
}): LingeringWarning[] {
  const names = new Map(input.integrations.map((i) => [i.id, i.name]));
  const nameOf = (id: string) => names.get(id) ?? input.nameOf?.(id) ?? id;
  const warnings: LingeringWarning[] = [];
  for (const i of input.integrations) {
    if (i.state === 'enabled') continue;
    const hours = (input.now.getTime() - i.stateChangedAt.getTime()) / 3_600_000;
    if (hours < input.lingeringHours) continue;
    const byKind = emptyByKind();
    const owners = new Set<string>();
    for (const h of input.held) {
      if (h.status !== 'held' || !h.blockedBy.includes(i.name)) continue;
      for (const kind of CHANGE_KINDS) byKind[kind] += h.byKind[kind];
      owners.add(nameOf(h.integrationId));
    }
    const total = totalOf(byKind);
    if (total > 0) warnings.push({ integration: i.name, state: i.state, since: i.stateChangedAt, hours: Math.floor(hours), blocks: { total, byKind, integrations: [...owners].sort() } });
  }
  return warnings.sort((a, b) => b.blocks.total - a.blocks.total);
}

export interface OpenChanges {
  held: number;
  awaitingApproval: number;
  /** Names of the integrations its held changes wait for. */
  blockedBy: string[];
}

/** Open destructive changes per integration id, for lists that show one row per integration. */
export function openChangesByIntegration(held: HeldSummary[]): Map<string, OpenChanges> {
  const out = new Map<string, OpenChanges>();
  for (const h of held) {
    const entry = out.get(h.integrationId) ?? { held: 0, awaitingApproval: 0, blockedBy: [] };
    if (h.status === 'held') {
      entry.held += totalOf(h.byKind);
      entry.blockedBy = [...new Set([...entry.blockedBy, ...h.blockedBy])].sort();
    } else entry.awaitingApproval += totalOf(h.byKind);
    out.set(h.integrationId, entry);
  }
  return out;
}

export interface CertificateWarning {
  integration: string;
  subject: string;
  notAfter: string;
  daysLeft: number;
}

/** LDAPS certificates that expire within 30 days, from the latest test or run of each integration. */
export function expiringCertificates(seen: { integration: string; certificate: { subject: string; notAfter: string } | null }[], now: Date): CertificateWarning[] {
  return seen
    .flatMap(({ integration, certificate }) => {
      if (!certificate) return [];
      const daysLeft = daysUntil(new Date(certificate.notAfter), now);
      return daysLeft <= CERTIFICATE_WARNING_DAYS ? [{ integration, subject: certificate.subject, notAfter: certificate.notAfter, daysLeft }] : [];
    })
    .sort((a, b) => a.daysLeft - b.daysLeft);
}
