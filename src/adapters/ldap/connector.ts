import type { DirectoryConnector } from '../../core/probe.ts';
import { LdapConnection, lookupSystem, type Lookup } from './connection.ts';

/** The LDAP adapter. `lookup` is injectable so tests resolve names on loopback only. */
export function createLdapConnector(options: { lookup?: Lookup } = {}): DirectoryConnector {
  const lookup = options.lookup ?? lookupSystem;
  return { probe: (settings) => new LdapConnection(settings, lookup) };
}
