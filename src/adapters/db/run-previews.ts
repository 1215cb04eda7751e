import { and, asc, eq, sql } from 'drizzle-orm';
import { emptyTotals, PREVIEW_SECTIONS, type PreviewItem, type PreviewPage, type PreviewSection } from '../../core/preview.ts';
import type { Db } from './client.ts';
import { syncRunPreviews } from './sync-schema.ts';

/** Rows per insert: a first sync's preview lists every user, far more than one statement should carry. */
const CHUNK = 1000;

/** Stores a dry run's findings, numbered within each section in the order given. */
export async function savePreview(db: Db, runId: number, items: readonly PreviewItem[]): Promise<void> {
  const position = Object.fromEntries(PREVIEW_SECTIONS.map((s) => [s, 0])) as Record<PreviewSection, number>;
  const values = items.map((i) => ({ runId, position: position[i.section]++, section: i.section, kind: i.kind, name: i.name, dn: i.dn, group: i.group }));
  for (let at = 0; at < values.length; at += CHUNK) await db.insert(syncRunPreviews).values(values.slice(at, at + CHUNK));
}

/** Each section's total and one page of items: of one section, or the first `limit` of every section. */
export async function previewPage(db: Db, runId: number, page: { section?: PreviewSection; offset: number; limit: number }): Promise<PreviewPage> {
  const counted = await db
    .select({ section: syncRunPreviews.section, n: sql<number>`count(*)::int` })
    .from(syncRunPreviews)
    .where(eq(syncRunPreviews.runId, runId))
    .groupBy(syncRunPreviews.section);
  const totals = emptyTotals();
  for (const c of counted) totals[c.section] = Number(c.n);
  const columns = { section: syncRunPreviews.section, kind: syncRunPreviews.kind, name: syncRunPreviews.name, dn: syncRunPreviews.dn, group: syncRunPreviews.group };
  const sections = page.section ? [page.section] : PREVIEW_SECTIONS.filter((s) => totals[s] > page.offset);
  const items: PreviewItem[] = [];
  for (const section of sections) {
    items.push(
      ...(await db
        .select(columns)
        .from(syncRunPreviews)
        .where(and(eq(syncRunPreviews.runId, runId), eq(syncRunPreviews.section, section)))
        .orderBy(asc(syncRunPreviews.position))
        .offset(page.offset)
        .limit(page.limit)),
    );
  }
  return { totals, items };
}
