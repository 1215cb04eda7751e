import { describe, expect, it } from 'vitest';
import { renderTestReport } from '../../../../src/faces/slack/render/result-test-report.ts';
import { checklistFor } from '../../../../src/core/failures.ts';
import { runFailure, testReport } from '../../../support/chat-results.ts';
import { allText, sectionTexts, withinLimits } from './slack-limits.ts';

const failed = () => {
  const stages = testReport().stages.map((s) => {
    if (s.name === 'bind') return { ...s, status: 'fail' as const, detail: 'invalid credentials (data 52e)' };
    if (['base_dn', 'search', 'attributes', 'encoding'].includes(s.name)) return { ...s, status: 'skipped' as const, durationMs: 0, detail: 'skipped' };
    return s;
  });
  return testReport({ ok: false, stages, failure: { ...runFailure(), stage: 'bind' } });
};

describe('renderTestReport', () => {
  it('shows one line per stage with its mark, time and detail', () => {
    const message = withinLimits(renderTestReport(testReport()));
    expect(JSON.stringify(message.blocks[0])).toContain('✅ corp-ad: connection test passed with 1 warning');
    const stages = sectionTexts(message)[0]!.split('\n');
    expect(stages).toHaveLength(8);
    expect(stages[0]).toBe('✅ *dns* 12 ms — dc1.corp.example → 192.0.2.5');
    expect(stages[2]).toMatch(/^⚠️ \*tls\* 40 ms — TLSv1\.3, certificate CN=Svc &lt;b&gt;&amp;Sync/);
  });

  it('names the failing stage, class and reason, the message, the diagnostic and the checklist', () => {
    const message = withinLimits(renderTestReport(failed()));
    expect(JSON.stringify(message.blocks[0])).toContain('❌ corp-ad: connection test failed at bind');
    const text = allText(message);
    expect(text).toContain('❌ *bind* 20 ms — invalid credentials (data 52e)');
    expect(text).toContain('▫️ *search* — skipped');
    expect(text).toContain('*Failed at bind: credential / invalid_credentials*');
    expect(text).toContain('The directory rejected the bind DN or password. (Active Directory: data 52e)');
    expect(text).toContain('Diagnostic:\n```80090308: LdapErr');
    expect(text).toContain('*What to check:*');
    checklistFor('invalid_credentials').forEach((item, i) => expect(text).toContain(`${i + 1}. ${item}`));
    expect(message.text).toContain('credential / invalid_credentials');
  });

  it('shows the certificate with its expiry', () => {
    expect(allText(withinLimits(renderTestReport(testReport())))).toContain('🔐 Certificate CN=dc1.corp.example, issued by CN=Corp &lt;Issuing&gt; CA &amp; Co, expires in 12 days (2026-12-02)');
    expect(allText(withinLimits(renderTestReport(testReport({ certificate: null }))))).not.toContain('🔐');
  });

  it('escapes the checklist: it can name placeholders in angle brackets', () => {
    const report = failed();
    report.failure = { ...report.failure!, class: 'configuration', reason: 'size_limit_exceeded', checklist: checklistFor('size_limit_exceeded') };
    expect(allText(withinLimits(renderTestReport(report)))).toContain('`limits dn.exact="&lt;bind DN&gt;" size=unlimited');
  });
});
