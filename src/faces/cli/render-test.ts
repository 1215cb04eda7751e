import type { StageResult, TestReport } from '../../core/connection-test.ts';
import { plural } from '../../presenters/words.ts';

const MARK: Record<StageResult['status'], string> = { pass: '✔', warn: '⚠', fail: '✘', skipped: '·' };

export function stageLine(stage: StageResult): string {
  const time = stage.status === 'skipped' ? '' : `${stage.durationMs} ms`;
  return `  ${MARK[stage.status]} ${stage.name.padEnd(10)} ${time.padStart(8)}  ${stage.detail}\n`;
}

/** The verdict, failure and checklist: what follows the stage lines. */
export function testSummary(report: TestReport): string {
  const warnings = report.stages.filter((s) => s.status === 'warn').length;
  if (report.ok) return `\n${report.integration}: OK${warnings ? ` with ${plural(warnings, 'warning')} (⚠ above)` : ''}\n`;
  const f = report.failure!;
  return (
    `\n${report.integration}: FAILED at ${f.stage} — ${f.class} / ${f.reason}\n` +
    `${f.message}\n` +
    (f.diagnostic ? `Diagnostic: ${f.diagnostic}\n` : '') +
    `What to check:\n${f.checklist.map((item, i) => `  ${i + 1}. ${item}\n`).join('')}`
  );
}

export function renderTest(report: TestReport): string {
  return report.stages.map(stageLine).join('') + testSummary(report);
}
