import type { FC } from 'hono/jsx';
import { explanationLines, expiryWords } from '../src/presenters/words.ts';
import type { TestReport } from '../src/core/test-report.ts';

// Marks every font has (emoji fonts are often missing on servers and locked-down desktops).
const MARK = { pass: '✓', warn: '!', fail: '✗', skipped: '–' } as const;
const SAID = { pass: 'passed', warn: 'warning', fail: 'failed', skipped: 'skipped' } as const;

/** The staged result, as chat shows it: a mark per stage, then what broke, why, and what to check. */
export const TestReportView: FC<{ report: TestReport; testedAt: string; by: string }> = ({ report, testedAt, by }) => (
  <section aria-labelledby="test-title" id="test-result" data-ok={String(report.ok)}>
    <h3 id="test-title">
      {report.ok ? 'Connection test passed' : `Connection test failed at ${report.failure?.stage ?? 'a stage'}`}
      <span class="muted">{` — ${testedAt} by ${by}`}</span>
    </h3>
    <ol class="stages">
      {report.stages.map((s) => (
        <li data-stage={s.name} data-status={s.status}>
          <span aria-hidden="true" class={`mark s-${s.status}`}>{MARK[s.status]}</span>
          <strong>
            {s.name} <span class="sr">{`(${SAID[s.status]})`}</span>
          </strong>
          <span class="dur muted">{s.status === 'skipped' ? '' : `${s.durationMs} ms`}</span>
          <span class="detail">{s.detail}</span>
        </li>
      ))}
    </ol>
    {report.failure && (
      <div class="problem">
        <p>
          <strong>{`${report.failure.class} / ${report.failure.reason}`}</strong>
        </p>
        {explanationLines(report.failure).map((line) => <p>{line}</p>)}
        {report.failure.diagnostic && (
          <p>
            Server said: <code>{report.failure.diagnostic}</code>
          </p>
        )}
        <h4>What to check</h4>
        <ol class="checklist">{report.failure.checklist.map((c) => <li>{c}</li>)}</ol>
      </div>
    )}
    {report.certificate && (
      <p class="muted">
        {`Certificate: ${report.certificate.subject}, issued by ${report.certificate.issuer}, ${expiryWords(report.certificate.daysLeft)} (${report.certificate.notAfter.slice(0, 10)})`}
      </p>
    )}
  </section>
);
