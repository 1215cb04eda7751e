import type { StageStatus } from '../../../core/stages.ts';
import type { StageResult, TestReport } from '../../../core/test-report.ts';
import { expiryWords, plural } from '../../../presenters/words.ts';
import type { TeamsMessage } from '../verbs.ts';
import { container, heading, lines, message, note, safe, type Element } from './card.ts';
import { classReason, failureElements } from './failure.ts';

const MARK: Record<StageStatus, string> = { pass: '✅', warn: '⚠️', fail: '❌', skipped: '▫️' };

function stageLine(s: StageResult): string {
  const time = s.status === 'skipped' ? '' : ` ${s.durationMs} ms`;
  return `${MARK[s.status]} **${safe(s.name)}**${time}${s.detail ? ` — ${safe(s.detail)}` : ''}`;
}

/** `test <name>`: the stages as the CLI prints them, then what broke, why and what to check. */
export function renderTestReport(report: TestReport): TeamsMessage {
  const name = safe(report.integration);
  const warnings = report.stages.filter((s) => s.status === 'warn').length;
  const verdict = report.ok
    ? `✅ ${name}: connection test passed${warnings > 0 ? ` with ${plural(warnings, 'warning')}` : ''}`
    : `❌ ${name}: connection test failed${report.failure ? ` at ${safe(report.failure.stage)}` : ''}`;
  const body: Element[] = [heading(verdict, report.ok ? undefined : 'attention'), lines(report.stages.map(stageLine))];
  const f = report.failure;
  if (f) body.push(container(failureElements(f, `**Failed at ${safe(f.stage)}: ${classReason(f)}**`), 'attention'));
  const c = report.certificate;
  if (c) body.push(note(`🔐 Certificate ${safe(c.subject)}, issued by ${safe(c.issuer)}, ${expiryWords(c.daysLeft)} (${c.notAfter.slice(0, 10)})`));
  return message(f ? `${verdict}: ${classReason(f)}. ${safe(f.message)}` : verdict, body);
}
