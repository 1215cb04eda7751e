import { describe, expect, it } from 'vitest';
import { checkFilter, MAX_FILTER_DEPTH, MAX_FILTER_LENGTH } from '../../src/core/ldap-filter.ts';

const nested = (depth: number, op = '&') => `${`(${op}`.repeat(depth - 1)}(cn=a)${')'.repeat(depth - 1)}`;

describe('checkFilter (RFC 4515)', () => {
  it.each([
    '(objectClass=inetOrgPerson)',
    '(&(objectCategory=person)(objectClass=user))',
    '(|(objectClass=groupOfNames)(objectClass=groupOfUniqueNames))',
    '(!(userAccountControl:1.2.840.113556.1.4.803:=2))',
    '(cn=*)',
    '(cn=Jo*n*Sm*)',
    '(sn>=M)',
    '(sn~=smith)',
    '(cn:dn:2.5.13.5:=John)',
    '(:dn:2.4.6.8.10:=Dino)',
    '(cn=Parens \\28x\\29 and star \\2a)',
    '(cn;lang-de=Müller)',
    '(&)',
    '  (cn=padded)  ',
  ])('accepts %s', (filter) => {
    expect(checkFilter(filter)).toEqual({ ok: true });
  });

  it('suggests parentheses for a bare item', () => {
    expect(checkFilter('objectClass=user')).toEqual({ ok: false, message: 'a filter must be enclosed in parentheses', fix: '(objectClass=user)' });
  });

  it.each([
    ['', /empty/],
    ['(cn=a', /missing '\)'/],
    ['(cn=a(b)', /\\28/],
    ['(cn=a\\zz)', /two hex digits/],
    ['(cn>x)', /expected '='/],
    ['((cn=a))', /missing attribute name/],
    ['(&(cn=a)x)', /expected '\)'/],
    ['(cn=a))', /unexpected text/],
    ['(c n=a)', /not an attribute name/],
    ['(sn>=a*b)', /only allowed with "="/],
    ['(:=x)', /needs an attribute or a matching rule/],
  ])('rejects %j', (filter, message) => {
    const result = checkFilter(filter);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it('points at the position of the error', () => {
    const result = checkFilter('(&(cn=a)(sn=b(c))');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/position 14/);
  });

  it('refuses a filter nested 9,000 deep with a message, instead of overflowing the stack', () => {
    for (const op of ['&', '|', '!']) {
      const result = checkFilter(nested(9000, op));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/nests more than 64 levels deep .*at position 129/);
    }
  });

  it(`accepts ${MAX_FILTER_DEPTH} levels, not one more`, () => {
    expect(checkFilter(nested(MAX_FILTER_DEPTH))).toEqual({ ok: true });
    expect(checkFilter(nested(MAX_FILTER_DEPTH + 1)).ok).toBe(false);
  });

  it(`accepts a long list of groups, and refuses more than ${MAX_FILTER_LENGTH} characters`, () => {
    const groups = (n: number) => `(|${Array.from({ length: n }, (_, i) => `(memberOf=CN=Group ${i},OU=Groups,DC=corp,DC=example)`).join('')})`;
    expect(checkFilter(groups(1000))).toEqual({ ok: true });
    const result = checkFilter(groups(2000));
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/^the filter is 1\d\d,\d{3} characters long; at most 65,536 are accepted/) });
  });
});
