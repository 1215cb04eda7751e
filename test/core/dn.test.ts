import { describe, expect, it } from 'vitest';
import { checkDn, dnKey, escapeDnValue, formatDn, type Dn } from '../../src/core/dn.ts';

const ok = (text: string) => {
  const result = checkDn(text);
  if (!result.ok) throw new Error(`expected ${text} to be valid: ${result.message}`);
  return result;
};
const bad = (text: string) => {
  const result = checkDn(text);
  if (result.ok) throw new Error(`expected ${text} to be rejected`);
  return result;
};

describe('checkDn: RFC 4514 section 4 examples', () => {
  it('parses plain and multi-valued RDNs', () => {
    expect(ok('UID=jsmith,DC=example,DC=net').dn).toEqual([[{ type: 'UID', value: 'jsmith' }], [{ type: 'DC', value: 'example' }], [{ type: 'DC', value: 'net' }]]);
    expect(ok('OU=Sales+CN=J.  Smith,DC=example,DC=net').dn[0]).toEqual([
      { type: 'OU', value: 'Sales' },
      { type: 'CN', value: 'J.  Smith' },
    ]);
  });

  it('decodes backslash escapes of specials', () => {
    expect(ok('CN=James \\"Jim\\" Smith\\, III,DC=example,DC=net').dn[0]![0]!.value).toBe('James "Jim" Smith, III');
    expect(ok('CN=Before\\0dAfter,DC=example,DC=net').dn[0]![0]!.value).toBe('Before\rAfter');
  });

  it('keeps a #hexstring (BER) value verbatim', () => {
    const result = ok('1.3.6.1.4.1.1466.0=#04024869,DC=example,DC=com');
    expect(result.dn[0]![0]).toEqual({ type: '1.3.6.1.4.1.1466.0', value: '', hex: '04024869' });
    expect(result.text).toBe('1.3.6.1.4.1.1466.0=#04024869,DC=example,DC=com');
  });

  it('decodes UTF-8 hex escapes', () => {
    expect(ok('CN=Lu\\C4\\8Di\\C4\\87').dn[0]![0]!.value).toBe('Lučić');
    expect(ok('CN=José Müller,OU=People,DC=example,DC=org').text).toBe('CN=José Müller,OU=People,DC=example,DC=org');
  });

  it('keeps escaped leading and trailing spaces and a leading #', () => {
    expect(ok('CN=\\ padded\\ ,DC=x').dn[0]![0]!.value).toBe(' padded ');
    expect(ok('CN=\\#1,DC=x').dn[0]![0]!.value).toBe('#1');
  });

  it('tolerates spaces around separators, as directories do', () => {
    expect(ok(' cn = John Smith , ou = People ').text).toBe('cn=John Smith,ou=People');
  });
});

describe('checkDn: spaces and empty values, read as libldap reads them', () => {
  it('drops unescaped trailing spaces after a multi-byte hex escape', () => {
    expect(ok('cn=\\C3\\A9 ,dc=x').dn[0]![0]!.value).toBe('\u00e9');
    expect(ok('cn=\\F0\\9F\\98\\80  ,dc=x').dn[0]![0]!.value).toBe('\u{1F600}');
    expect(ok('cn=\\E6\\97\\A5\\20 ').dn[0]![0]!.value).toBe('\u65e5 ');
    expect(ok('cn=a\\\\ ').dn[0]![0]!.value).toBe('a\\');
  });

  it('treats tabs and line ends around values as spaces, and keeps other Unicode spaces as data', () => {
    expect(ok('cn=a\t,\r\n\tdc=x\r\n').text).toBe('cn=a,dc=x');
    expect(ok('cn=\u00a0a\u3000').dn[0]![0]!.value).toBe('\u00a0a\u3000');
  });

  it('accepts an empty value (RFC 4514), alone or in a multi-valued RDN', () => {
    expect(ok('cn=,dc=x').dn[0]).toEqual([{ type: 'cn', value: '' }]);
    expect(ok('cn=  +sn=b').text).toBe('cn=+sn=b');
  });

  it('takes a backslash before a tab as the tab, flagged with its hex form', () => {
    expect(bad('cn=\\\ta').corrected).toBe('cn=\\09a');
  });
});

describe('checkDn: characters that must be escaped', () => {
  it('rejects the vendor-documented OU=Docs/KB and gives OU=Docs\\2FKB', () => {
    const result = bad('CN=svc,OU=Docs/KB,DC=example,DC=com');
    expect(result.corrected).toBe('CN=svc,OU=Docs\\2FKB,DC=example,DC=com');
    expect(result.problems).toEqual([{ kind: 'unescaped', rdn: 'OU=Docs/KB', chars: ['/'] }]);
    expect(result.message).toContain("'/' in \"OU=Docs/KB\" must be escaped as \\2F");
  });

  it('accepts the escaped form and keeps it canonical', () => {
    expect(ok('OU=Docs\\2FKB,DC=example,DC=com').text).toBe('OU=Docs\\2FKB,DC=example,DC=com');
    expect(ok('OU=Docs\\2fKB,DC=example,DC=com').dn[0]![0]!.value).toBe('Docs/KB');
  });

  it('encodes a reserved "=" inside a value as \\3D', () => {
    expect(bad('CN=a=b,DC=x').corrected).toBe('CN=a\\3Db,DC=x');
  });

  it('recovers an unescaped comma inside a value ("Smith, John")', () => {
    const result = bad('CN=Smith, John,OU=People,DC=x');
    expect(result.corrected).toBe('CN=Smith\\, John,OU=People,DC=x');
    expect(result.problems[0]).toMatchObject({ kind: 'unescaped', chars: [','] });
  });

  it.each([
    ['CN=a;b,DC=x', 'CN=a\\;b,DC=x'],
    ['CN=<x>,DC=x', 'CN=\\<x\\>,DC=x'],
    ['CN=say "hi",DC=x', 'CN=say \\"hi\\",DC=x'],
    ['CN=#nothex,DC=x', 'CN=\\#nothex,DC=x'],
    ['CN=tab\there,DC=x', 'CN=tab\\09here,DC=x'],
    ['CN=ADSI\\/style,DC=x', 'CN=ADSI\\2Fstyle,DC=x'],
  ])('%s → %s', (input, corrected) => {
    expect(bad(input).corrected).toBe(corrected);
  });

  it('rejects hex escapes that are not UTF-8, without inventing a correction', () => {
    const result = bad('CN=\\FF\\FE,DC=x');
    expect(result.problems).toEqual([{ kind: 'invalid_utf8', rdn: 'CN=\\FF\\FE' }]);
    expect(result.corrected).toBeNull();
    expect(result.message).toMatch(/not valid UTF-8/);
  });

  it('flags a lone surrogate (a string that cannot be UTF-8)', () => {
    expect(bad('CN=\uD800x,DC=y').problems[0]!.kind).toBe('invalid_utf8');
  });
});

describe('checkDn: syntax errors', () => {
  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['no equals sign', /not of the form type=value/],
    ['CN=a,,DC=x', /empty RDN/],
    ['CN=a,', /empty RDN/],
    [',CN=a', /starts with a separator/],
    ['C N=a', /not an attribute type/],
    ['1.2.=a', /not an attribute type/],
    ['CN=\\zap,DC=x', /"\\z" in the value of CN is not an escape: a backslash goes before/],
    ['CN=trailing\\', /lone backslash/],
  ])('%j', (input, message) => {
    const result = bad(input);
    expect(result.problems[0]!.kind).toBe('syntax');
    expect(result.message).toMatch(message);
  });
});

describe('escapeDnValue and formatDn', () => {
  it('escapes per RFC 4514 plus the downstream rules', () => {
    expect(escapeDnValue(' #a,b+c"d\\e<f>g;h=i/j ')).toBe('\\ #a\\,b\\+c\\"d\\\\e\\<f\\>g\\;h\\3Di\\2Fj\\ ');
    expect(escapeDnValue('#lead')).toBe('\\#lead');
    expect(escapeDnValue('mid#dle')).toBe('mid#dle');
    expect(escapeDnValue('nul\0')).toBe('nul\\00');
    expect(escapeDnValue('Müller')).toBe('Müller');
  });

  it('round-trips: format(parse(format(dn))) is stable and values survive', () => {
    const samples = ['Docs/KB', 'a=b', 'Smith, John', ' lead', 'trail ', '#hash', 'x+y', 'q"uo"te', 'back\\slash', 'semi;colon', '<>', 'José', '日本語', 'tab\tctl', 'emoji 🎉'];
    for (const value of samples) {
      const dn: Dn = [[{ type: 'OU', value }], [{ type: 'DC', value: 'example' }]];
      const text = formatDn(dn);
      const parsed = ok(text);
      expect(parsed.dn).toEqual(dn);
      expect(parsed.text).toBe(text);
    }
  });

  it('dnKey compares case-insensitively and across escape spellings', () => {
    expect(dnKey(ok('OU=Docs\\2fKB,DC=Example').dn)).toBe(dnKey(ok('ou=docs\\2FKB, dc=example').dn));
  });
});
