import { describe, expect, it } from 'vitest';
import { KIND_DEFAULTS, type AttributeMap } from '../../src/core/integration.ts';
import type { SampleEntry } from '../../src/core/probe.ts';
import { analyzeAttributes } from '../../src/core/sample-analysis.ts';

const AD = KIND_DEFAULTS.active_directory.attributes;
const bytes = (s: string) => new TextEncoder().encode(s);

/** A sampled user with the given attributes (names lower-cased, as the adapter returns them). */
function user(cn: string, attributes: Record<string, string[]>): SampleEntry {
  const lower = Object.entries({ objectGUID: [cn], ...attributes }).map(([k, v]) => [k.toLowerCase(), v.map(bytes)]);
  return { dn: `CN=${cn},OU=People,DC=example,DC=test`, attributes: Object.fromEntries(lower) };
}
const mailOnly = ['ann', 'ben', 'cat'].map((cn) => user(cn, { mail: [`${cn}@example.test`] }));

describe('the attributes stage', () => {
  it('mail on every user and proxyAddresses on none (an AD without Exchange) is a warning that says what it means', () => {
    const finding = analyzeAttributes(mailOnly, AD);
    expect(finding.status).toBe('warn');
    expect(finding.failure).toBeUndefined();
    expect(finding.detail).toContain('proxyAddresses not returned for any of the 3 sampled users');
    expect(finding.detail).toContain('aliases will not be synced');
    expect(finding.detail).toContain('vendor guidance recommends configuring both');
    expect(finding.detail).toContain('--attr proxyAddresses=');
  });

  it('proxyAddresses mapped to none removes the warning', () => {
    const none: AttributeMap = { ...AD, proxyAddresses: '' };
    expect(analyzeAttributes(mailOnly, none)).toEqual({ status: 'pass', detail: 'mail and objectGUID (proxyAddresses: none) present on all 3 sampled users' });
  });

  it('fails only when neither address attribute comes back on any sampled user', () => {
    const noAddress = ['ann', 'ben'].map((cn) => user(cn, { displayName: [cn] }));
    const finding = analyzeAttributes(noAddress, AD);
    expect(finding).toMatchObject({ status: 'fail', failure: { finding: 'missing_attributes' } });
    expect(finding.detail).toBe('mail and proxyAddresses not returned for any of the 2 sampled users');
    const none = analyzeAttributes(noAddress, { ...AD, proxyAddresses: '' });
    expect(none).toMatchObject({ status: 'fail', failure: { finding: 'missing_attributes' } });
    expect(none.detail).toContain('proxyAddresses is mapped to none');
  });

  it('proxyAddresses on every user and mail on none is a warning too: primaries come from SMTP: values', () => {
    const proxyOnly = ['ann', 'ben'].map((cn) => user(cn, { proxyAddresses: [`SMTP:${cn}@example.test`] }));
    const finding = analyzeAttributes(proxyOnly, AD);
    expect(finding.status).toBe('warn');
    expect(finding.detail).toContain('mail not returned for any of the 2 sampled users');
  });

  it('some users without one attribute are counted, with examples', () => {
    const mixed = [user('ann', { mail: ['ann@example.test'], proxyAddresses: ['SMTP:ann@example.test'] }), user('ben', { mail: ['ben@example.test'] })];
    const finding = analyzeAttributes(mixed, AD);
    expect(finding.status).toBe('warn');
    expect(finding.detail).toBe('1 of 2 without proxyAddresses (e.g. CN=ben,OU=People,DC=example,DC=test)');
  });

  it('every attribute on every user passes', () => {
    const full = [user('ann', { mail: ['ann@example.test'], proxyAddresses: ['SMTP:ann@example.test'] })];
    expect(analyzeAttributes(full, AD)).toEqual({ status: 'pass', detail: 'mail, proxyAddresses and objectGUID present on all 1 sampled user' });
  });
});
