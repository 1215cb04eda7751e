import type { ChangeKind } from './sync.ts';

/**
 * What a dry run found a real run would do, object by object: users added, updated or restored
 * at once, and destructive changes as the gate would treat them (applied, held by the blockers
 * the run names, or sent for approval). Modelled on Entra Connect's staging mode and Google Cloud
 * Directory Sync's simulation: the same read and diff, nothing kept but this record.
 */
export const PREVIEW_SECTIONS = ['added', 'updated', 'restored', 'applied', 'held', 'awaiting_approval'] as const;
export type PreviewSection = (typeof PREVIEW_SECTIONS)[number];

export interface PreviewItem {
  section: PreviewSection;
  /** The destructive change; null for users added, updated or restored. */
  kind: ChangeKind | null;
  /** The user's display name (null when the directory gives none). */
  name: string | null;
  dn: string;
  /** The group a membership would leave. */
  group: string | null;
}

export type PreviewTotals = Record<PreviewSection, number>;

/** Some of a dry run's items (a page, or the first few of each section) and how many each section holds. */
export interface PreviewPage {
  totals: PreviewTotals;
  items: PreviewItem[];
  /** A page asked for (`preview <run> --offset N --limit N`): where each section's items start, and how many of each it holds at most. */
  page?: { offset: number; limit: number };
}

export const emptyTotals = (): PreviewTotals => ({ added: 0, updated: 0, restored: 0, applied: 0, held: 0, awaiting_approval: 0 });

/** Chat lists this many objects of each section, then "and N more"; the CLI's --json and the dashboard list them all. */
export const PREVIEW_FIRST = 10;
