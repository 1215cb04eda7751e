import { z } from 'zod';
import type { Placeholder } from '../../core/command-grammar.ts';
import { CommandError } from '../../core/errors.ts';
import { PREVIEW_FIRST, PREVIEW_SECTIONS, type PreviewPage } from '../../core/preview.ts';
import { defineCommand } from '../define-command.ts';
import { toRunView, type RunView } from './internal/run-view.ts';
import { presentRun } from '../../presenters/run.ts';

const RUN: Placeholder = { key: 'run', name: 'run', what: 'a dry run\'s number', example: '42' };
const RunId = z.preprocess((v) => (typeof v === 'string' ? Number(v.replace(/^#/, '')) : v), z.number({ message: 'a run is a number, e.g. 42' }).int().positive());

/** The most items one call returns per section; `--json` and the dashboard page through the rest. */
export const MAX_PREVIEW_PAGE = 1000;

export const ShowPreviewInput = z.object({
  run: RunId,
  section: z.enum(PREVIEW_SECTIONS).optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(MAX_PREVIEW_PAGE).default(PREVIEW_FIRST),
});

/** A dry run with one page of its findings (`view.preview`). */
export type RunPreview = RunView & { preview: PreviewPage };

/**
 * What a dry run found, page by page: every section's first `limit` objects, or one section from
 * `offset`. Another account's run is not there at all; a real run has no findings to show.
 */
export const showPreview = defineCommand({
  name: 'sync.preview',
  summary: 'Showing a dry run',
  minRole: 'viewer',
  audited: false,
  input: ShowPreviewInput,
  face: {
    words: 'preview',
    args: [RUN],
    options: [
      { key: 'section', name: 'section', kind: 'text', value: PREVIEW_SECTIONS.join('|'), help: 'Only this section of the findings' },
      { key: 'offset', name: 'offset', kind: 'integer', value: 'N', help: 'Skip the first N objects of each section shown' },
      { key: 'limit', name: 'limit', kind: 'integer', value: 'N', help: `Objects per section (default ${PREVIEW_FIRST}, at most ${MAX_PREVIEW_PAGE})` },
    ],
    summary: 'What a dry run (sync <name> --dry-run) found, by name',
    faces: ['cli', 'chat', 'dashboard'],
    present: presentRun,
  },
  async run({ ctx, input }): Promise<RunPreview> {
    const run = await ctx.store.runs.get(input.run);
    if (!run || run.accountId !== ctx.accountId) throw new CommandError('not_found', `there is no run #${input.run}`);
    if (!run.dryRun) throw new CommandError('failed_precondition', `run #${run.id} is a sync, not a dry run: its history entry says what it did (dirsync history)`);
    if (run.status !== 'succeeded') throw new CommandError('failed_precondition', `dry run #${run.id} is ${run.status}: only a dry run that succeeded has findings`);
    const integration = await ctx.store.integrations.findById(run.integrationId);
    const preview = await ctx.store.runs.preview(run.id, { offset: input.offset, limit: input.limit, ...(input.section && { section: input.section }) });
    return { ...toRunView(run, integration?.name ?? run.integrationId), preview: { ...preview, page: { offset: input.offset, limit: input.limit } } };
  },
});
