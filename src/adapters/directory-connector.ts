import type { DirectoryConnector } from '../core/probe.ts';
import { GoogleProbe } from './google/google-probe.ts';
import { GraphDeltaProbe } from './graph/graph-delta-probe.ts';
import { lookupSystem, type Lookup } from './ldap/connection.ts';
import { createLdapConnector } from './ldap/connector.ts';

/** Every kind's way in: LDAP, or the API of Entra ID or Google Workspace when the settings name one. */
export function createDirectoryConnector(options: { lookup?: Lookup } = {}): DirectoryConnector {
  const lookup = options.lookup ?? lookupSystem;
  const ldap = createLdapConnector({ lookup });
  return {
    probe: (settings) => {
      if (settings.api?.kind === 'entra_id') return new GraphDeltaProbe(settings, lookup);
      if (settings.api?.kind === 'google_workspace') return new GoogleProbe(settings, lookup);
      return ldap.probe(settings);
    },
  };
}
