import type { StageStatus } from '../../../core/stages.ts';
import type { StageResult, TestReport } from '../../../core/test-report.ts';
import type { SlackMessage } from '../actions.ts';
import { context, escape, header, message, sections, type Block } from './blocks.ts';
import { failureBlocks } from './failure.ts';
import { expiryWords, plural } from './words.ts';

const MARK: Record<StageStatus, string> = { pass: '✅', warn: '⚠️', fail: '❌', skipped: '▫️' };

function stageLine(s: StageResult): string {
  const time = s.status === 'skipped' ? '' : ` ${s.durationMs} ms`;
  return `${MARK[s.status]} *${s.name}*${time}${s.detail ? ` — ${escape(s.detail)}` : ''}`;
}

/** `test <name>`: the stages as the CLI prints them, then what broke, why and what to check. */
export function renderTestReport(report: TestReport): SlackMessage {
  const name = report.integration;
  const warnings = report.stages.filter((s) => s.status === 'warn').length;
  const verdict = report.ok
    ? `✅ ${name}: connection test passed${warnings > 0 ? ` with ${plural(warnings, 'warning')}` : ''}`
    : `❌ ${name}: connection test failed${report.failure ? ` at ${report.failure.stage}` : ''}`;
  const blocks: Block[] = [header(verdict), ...sections(report.stages.map(stageLine))];
  const f = report.failure;
  if (f) blocks.push(...failureBlocks(f, `*Failed at ${f.stage}: ${f.class} / ${f.reason}*`));
  const c = report.certificate;
  if (c) {
    blocks.push(context(`🔐 Certificate ${escape(c.subject)}, issued by ${escape(c.issuer)}, ${expiryWords(c.daysLeft)} (${c.notAfter.slice(0, 10)})`));
  }
  const text = f ? `${verdict}: ${f.class} / ${f.reason}. ${f.message}` : verdict;
  return message(escape(text), blocks);
}
