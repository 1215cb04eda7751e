import { describe, expect, it } from 'vitest';
import { hasRole } from '../../src/core/roles.ts';
import { closestNames, didYouMean } from '../../src/core/suggest.ts';

describe('closestNames', () => {
  const known = ['corp-ad', 'corp-ad-eu', 'hq-ldap', 'lab-openldap'];
  it('suggests typos and prefixes, best first', () => {
    expect(closestNames('corp-da', known)[0]).toBe('corp-ad');
    expect(closestNames('hq', known)).toEqual(['hq-ldap']);
    expect(closestNames('openldap', known)).toContain('lab-openldap');
  });
  it('suggests nothing for something unrelated', () => {
    expect(closestNames('zzzzzz', known)).toEqual([]);
  });
});

describe('hasRole', () => {
  it('orders viewer < operator < admin', () => {
    const as = (role: 'viewer' | 'operator' | 'admin') => ({ platform: 'cli' as const, id: 'x', role });
    expect(hasRole(as('admin'), 'operator')).toBe(true);
    expect(hasRole(as('operator'), 'operator')).toBe(true);
    expect(hasRole(as('operator'), 'admin')).toBe(false);
    expect(hasRole(as('viewer'), 'operator')).toBe(false);
  });
});

describe('didYouMean', () => {
  it('says the closest one or two known words, quoted as asked, or nothing', () => {
    expect(didYouMean('snyc', ['sync', 'show', 'list'])).toBe(' Did you mean "sync"?');
    expect(didYouMean('jsno', ['json', 'help'], (n) => `--${n}`)).toBe(' Did you mean --json?');
    expect(didYouMean('frobnicate', ['sync', 'show'])).toBe('');
  });
});
