import { describe, expect, it } from 'vitest';
import { addressesOf, guidToString, toDirectoryGroup, toDirectoryUser } from '../../src/core/directory-entry.ts';
import { KIND_DEFAULTS } from '../../src/core/integration.ts';

describe('guidToString', () => {
  it('byte-swaps the first three groups (the documented objectGUID string form)', () => {
    const bytes = Uint8Array.from([0x67, 0x45, 0x23, 0x01, 0xab, 0x89, 0xef, 0xcd, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef]);
    expect(guidToString(bytes)).toBe('01234567-89ab-cdef-0123-456789abcdef');
  });
});

describe('addressesOf', () => {
  it('SMTP: is the primary, smtp: aliases; other prefixes ignored; lower-cased, no duplicates', () => {
    expect(addressesOf(['Alice@Example.org'], ['smtp:a@example.org', 'SMTP:Alice.Archer@Example.org', 'X500:/o=x/cn=a', 'SIP:alice@example.org', 'smtp:A@example.org'])).toEqual({
      primary: 'alice.archer@example.org',
      all: ['alice.archer@example.org', 'alice@example.org', 'a@example.org'],
    });
  });
  it('without SMTP:, mail is the primary; without either, no address', () => {
    expect(addressesOf(['bob@example.org'], [])).toEqual({ primary: 'bob@example.org', all: ['bob@example.org'] });
    expect(addressesOf([], ['X500:/o=x'])).toEqual({ primary: null, all: [] });
  });
});

describe('toDirectoryUser / toDirectoryGroup', () => {
  const ad = KIND_DEFAULTS.active_directory.attributes;
  it('maps an AD entry, tolerating attribute-name case, and reads ACCOUNTDISABLE', () => {
    const guid = Uint8Array.from({ length: 16 }, (_, i) => i);
    const user = toDirectoryUser({ dn: 'CN=A,DC=x', objectguid: guid, Mail: 'a@x.org', proxyaddresses: 'SMTP:A@X.org', displayName: 'A', userAccountControl: '514' }, ad, 'active_directory');
    expect(user).toEqual({ externalId: '03020100-0504-0706-0809-0a0b0c0d0e0f', dn: 'CN=A,DC=x', displayName: 'A', primaryEmail: 'a@x.org', addresses: ['a@x.org'], disabled: true });
  });
  it('returns null without a unique id, and ignores userAccountControl outside AD', () => {
    expect(toDirectoryUser({ dn: 'uid=a,dc=x', mail: 'a@x' }, KIND_DEFAULTS.openldap.attributes, 'openldap')).toBeNull();
    expect(toDirectoryUser({ dn: 'uid=a,dc=x', entryUUID: 'u-1', userAccountControl: '514' }, KIND_DEFAULTS.openldap.attributes, 'openldap')!.disabled).toBe(false);
  });
  it('names a group by cn, or by its first RDN', () => {
    const map = KIND_DEFAULTS.openldap.attributes;
    expect(toDirectoryGroup({ dn: 'cn=eng,ou=g', entryUUID: 'g-1', cn: 'eng' }, map, ['uid=a'])).toEqual({ externalId: 'g-1', dn: 'cn=eng,ou=g', name: 'eng', members: ['uid=a'] });
    expect(toDirectoryGroup({ dn: 'cn=Smith\\, J,ou=g', entryUUID: 'g-2' }, map, [])!.name).toBe('Smith\\, J');
  });
});
