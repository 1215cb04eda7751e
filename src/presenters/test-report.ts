import type { StageStatus } from '../core/stages.ts';
import type { StageResult, TestReport } from '../core/test-report.ts';
import { classReason, failureGroup } from './failure.ts';
import { bold, heading, list, message, note, rich, type Message, type Part, type Rich } from './message.ts';
import { expiryWords, plural } from './words.ts';

const MARK: Record<StageStatus, string> = { pass: '✅', warn: '⚠️', fail: '❌', skipped: '▫️' };

function stageLine(s: StageResult): Rich {
  return rich`${MARK[s.status]} ${bold(s.name)}${s.status !== 'skipped' && ` ${s.durationMs} ms`}${s.detail && ` — ${s.detail}`}`;
}

/** `test <name>`: the stages as the CLI prints them, then what broke, why and what to check. */
export function presentTestReport(report: TestReport): Message {
  const warnings = report.stages.filter((s) => s.status === 'warn').length;
  const f = report.failure;
  const verdict = report.ok
    ? rich`✅ ${report.integration}: connection test passed${warnings > 0 && ` with ${plural(warnings, 'warning')}`}`
    : rich`❌ ${report.integration}: connection test failed${f && ` at ${f.stage}`}`;
  const parts: Part[] = [heading(verdict, report.ok ? undefined : 'bad'), list(report.stages.map(stageLine))];
  if (f) parts.push(failureGroup(f, [bold(`Failed at ${f.stage}: ${classReason(f)}`)]));
  const c = report.certificate;
  if (c) parts.push(note(rich`🔐 Certificate ${c.subject}, issued by ${c.issuer}, ${expiryWords(c.daysLeft)} (${c.notAfter.slice(0, 10)})`));
  return message(f ? rich`${verdict}: ${classReason(f)}. ${f.message}` : verdict, parts);
}
