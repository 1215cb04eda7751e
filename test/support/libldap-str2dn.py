"""Parses DNs with libldap's own ldap_str2dn (via python3-ldap), for the differential DN test.

stdin: a JSON array of DN strings. stdout: a JSON array with, for each DN, one of
  {"rdns": [[[type, value, flags], ...], ...]}   flags 2 = a #hexstring (BER) value
  {"error": "syntax"}       libldap refused the DN (LDAP_DECODING_ERROR)
  {"error": "not_utf8"}     libldap parsed it, but a value is not UTF-8 (python3-ldap cannot decode it)
  {"error": "unencodable"}  the string itself cannot be UTF-8 (a lone surrogate)
"""
import json
import sys

import ldap
import ldap.dn


def parse(dn):
    try:
        rdns = ldap.dn.str2dn(dn, ldap.DN_FORMAT_LDAPV3)
    except UnicodeDecodeError:
        return {"error": "not_utf8"}
    except UnicodeEncodeError:
        return {"error": "unencodable"}
    except ldap.DECODING_ERROR:
        return {"error": "syntax"}
    return {"rdns": [[list(ava) for ava in rdn] for rdn in rdns]}


json.dump([parse(dn) for dn in json.load(sys.stdin)], sys.stdout)
