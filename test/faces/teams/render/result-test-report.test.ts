import { describe, expect, it } from 'vitest';
import { renderTestReport } from '../../../../src/faces/teams/render/result-test-report.ts';
import { checklistFor } from '../../../../src/core/failures.ts';
import { runFailure, testReport } from '../../../support/chat-results.ts';
import { allText, readable, textBlocks, withinLimits } from './card-limits.ts';

describe('renderTestReport', () => {
  it('lists every stage with its mark, time and detail, and the certificate', () => {
    const m = withinLimits(renderTestReport(testReport()));
    expect(textBlocks(m)[0]).toBe('✅ corp-ad: connection test passed with 1 warning');
    const text = readable(m);
    expect(text).toContain('✅ dns 12 ms — dc1.corp.example → 192.0.2.5');
    expect(text).toContain('⚠️ tls 40 ms — TLSv1.3, certificate CN=Svc <b>&Sync,OU=Docs/KB,DC=corp,DC=example expires in 12 days');
    expect(text).toContain('✅ base_dn 5 ms');
    expect(text).toContain('🔐 Certificate CN=dc1.corp.example, issued by CN=Corp <Issuing> CA & Co, expires in 12 days (2026-12-02)');
    expect(m.summary).toBe('✅ corp-ad: connection test passed with 1 warning');
  });

  it('says where it failed, why, and what to check; skipped stages have no time', () => {
    const stages = testReport().stages.map((s) => (s.name === 'bind' ? { ...s, status: 'fail' as const } : ['base_dn', 'search', 'attributes', 'encoding'].includes(s.name) ? { ...s, status: 'skipped' as const, detail: '' } : s));
    const m = withinLimits(renderTestReport(testReport({ ok: false, stages, failure: { ...runFailure(), stage: 'bind' }, certificate: null })));
    expect(textBlocks(m)[0]).toBe('❌ corp-ad: connection test failed at bind');
    const text = allText(m);
    expect(text).toContain('**Failed at bind: credential / invalid_credentials**');
    expect(text).toContain('▫️ **search**');
    expect(text).not.toContain('▫️ **search** 300 ms');
    expect(text).toContain(`1. ${checklistFor('invalid_credentials')[0]}`);
    expect(m.summary).toMatch(/^❌ corp-ad: connection test failed at bind: credential \/ invalid_credentials\. The directory rejected/);
  });
});
