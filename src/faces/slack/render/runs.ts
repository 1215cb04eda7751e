import type { RunProgress } from '../../../commands/sync/show-runs.ts';
import type { SlackMessage } from '../actions.ts';
import { divider, finish, message, section, type Block } from './blocks.ts';
import { renderRun } from './run.ts';

/**
 * The live message of `sync <name>` (one run) or `sync all` (several): each run's own rendering,
 * one after the other, kept within Slack's limits as a whole.
 */
export function renderRuns(runs: RunProgress[]): SlackMessage {
  if (runs.length === 1) return renderRun(runs[0]!);
  const done = runs.filter((r) => r.status !== 'queued' && r.status !== 'running').length;
  const parts = runs.map((r) => renderRun(r));
  const blocks: Block[] = [section(`*Sync all:* ${done} of ${runs.length} runs finished`)];
  for (const part of parts) blocks.push(divider(), ...part.blocks);
  return finish(message(`Sync all: ${done} of ${runs.length} finished. ${parts.map((p) => p.text).join(' ')}`, blocks));
}
