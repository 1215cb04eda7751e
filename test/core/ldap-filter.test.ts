import { describe, expect, it } from 'vitest';
import { checkFilter } from '../../src/core/ldap-filter.ts';

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
});
