import type { FC } from 'hono/jsx';
import type { RunPreview } from '../src/commands/sync/preview.ts';
import { PREVIEW_SECTIONS, type PreviewSection } from '../src/core/preview.ts';
import { previewItemLine, previewSectionTitle } from '../src/presenters/preview.ts';
import { DRY_RUN_NOTE, num, PREVIEW_NOTHING } from '../src/presenters/words.ts';
import { Layout, type Viewer } from './layout.tsx';
import { RichText } from './rich.tsx';
import { countsText } from './runs.tsx';

export interface PreviewPageProps {
  viewer: Viewer;
  preview: RunPreview;
  /** The section being paged through, or null: the first page of every section. */
  section: PreviewSection | null;
  offset: number;
  pageSize: number;
}

const pageLink = (run: number, section: PreviewSection, offset: number) => `/runs/${run}/preview?section=${section}&offset=${offset}`;

/** One section: its objects from `offset`, with links to the pages before and after. */
const Section: FC<{ p: RunPreview; section: PreviewSection; offset: number; pageSize: number }> = ({ p, section, offset, pageSize }) => {
  const total = p.preview.totals[section];
  const items = p.preview.items.filter((i) => i.section === section);
  const last = Math.min(offset + items.length, total);
  return (
    <section data-section={section} aria-label={section}>
      <h2><RichText text={previewSectionTitle(section, total, p)} /></h2>
      <ol start={offset + 1}>
        {items.map((item) => <li><RichText text={previewItemLine(item)} /></li>)}
      </ol>
      <p class="toolbar">
        <span class="muted">{`${num(offset + 1)}–${num(last)} of ${num(total)}`}</span>
        {offset > 0 && <a href={pageLink(p.run, section, Math.max(0, offset - pageSize))}>← Previous</a>}
        {last < total && <a href={pageLink(p.run, section, offset + pageSize)}>Next →</a>}
      </p>
    </section>
  );
};

/** /runs/<run>/preview: a dry run's findings, every section's first page or one section paged. */
export const PreviewPage: FC<PreviewPageProps> = ({ viewer, preview: p, section, offset, pageSize }) => {
  const shown = PREVIEW_SECTIONS.filter((s) => (section ? s === section : p.preview.totals[s] > 0));
  return (
    <Layout title={`Dry run #${p.run} of ${p.integration}`} viewer={viewer} section="overview" flash={null}>
      <p><a href={`/integrations/${p.integration}`}>{`← ${p.integration}`}</a>{section && <> · <a href={`/runs/${p.run}/preview`}>All sections</a></>}</p>
      <h1>{`Dry run #${p.run} of ${p.integration}`}</h1>
      <p class="banner">{DRY_RUN_NOTE}</p>
      <p>{countsText(p)}</p>
      {shown.length === 0 ? <p>{PREVIEW_NOTHING}</p> : shown.map((s) => <Section p={p} section={s} offset={section ? offset : 0} pageSize={pageSize} />)}
    </Layout>
  );
};
