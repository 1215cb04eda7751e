import type { RunView } from '../commands/sync/internal/run-view.ts';
import { PREVIEW_FIRST, PREVIEW_SECTIONS, type PreviewItem, type PreviewSection } from '../core/preview.ts';
import { bold, code, list, rich, text, type Part, type Rich } from './message.ts';
import { blockerNames, DRY_RUN_NOTE, num, PREVIEW_NOTHING, PREVIEW_SECTION_WORDS, previewItemWords } from './words.ts';

/** What follows a section's heading: why held changes would wait, and for whom. */
function sectionTail(section: PreviewSection, r: RunView): Rich {
  if (section === 'held' && r.blockedBy.length > 0) return rich` — while ${blockerNames(r.blockedBy, bold)} disabled or in error`;
  if (section === 'awaiting_approval') return [' — above the deletion threshold: another admin would have to approve them'];
  return [];
}

/** One object of a dry run's findings: its name in bold, its DN as code. */
export const previewItemLine = (item: PreviewItem): Rich => rich`${previewItemWords(item, bold, code)}`;

/** "Destructive changes that would be held (4) — while old-ldap is disabled or in error:" */
export const previewSectionTitle = (section: PreviewSection, total: number, r: RunView): Rich =>
  rich`${bold(PREVIEW_SECTION_WORDS[section])} (${num(total)})${sectionTail(section, r)}:`;

/**
 * A finished dry run's findings: the note that nothing changed, then each section that has
 * anything, its first objects by name and DN and how many more there are. Faces that hold
 * every item (the dashboard, `--json`) list them all; chat shows what the run view carries.
 */
export function previewParts(r: RunView): Part[] {
  const parts: Part[] = [text([DRY_RUN_NOTE], { strong: true })];
  const p = r.preview;
  if (!p) return parts;
  // A page from `offset` stands for the objects from there on, not for the whole section.
  const { offset, limit } = p.page ?? { offset: 0, limit: PREVIEW_FIRST };
  for (const section of PREVIEW_SECTIONS) {
    const total = p.totals[section];
    if (total === 0) continue;
    const items = p.items.filter((i) => i.section === section).map(previewItemLine);
    parts.push(list(items, { title: previewSectionTitle(section, total, r), max: limit, total: Math.max(0, total - offset), tone: section === 'held' || section === 'awaiting_approval' ? 'warning' : 'neutral' }));
  }
  if (PREVIEW_SECTIONS.every((s) => p.totals[s] === 0)) parts.push(text([PREVIEW_NOTHING]));
  return parts;
}
