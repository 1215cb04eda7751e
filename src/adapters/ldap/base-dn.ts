import type { Client } from 'ldapts';
import { checkDn, dnKey, formatDn, type Dn } from '../../core/dn.ts';

const MAX_WALK = 12;

/**
 * Facts for a base DN the directory says does not exist. Directories answer "no such object"
 * both for a wrong DN and for one the account may not see; the closest readable ancestor and
 * the server's naming contexts tell the two apart (ldapts does not expose matchedDN).
 */
export async function baseDnFacts(client: Client, dn: string): Promise<{ matchedDn: string | null; inNamingContext: boolean }> {
  const parsed = checkDn(dn);
  if (!parsed.ok) return { matchedDn: null, inNamingContext: false };
  const contexts = await namingContexts(client);
  const context = contexts.find((c) => isWithin(parsed.dn, c));
  for (let depth = 1; depth < Math.min(parsed.dn.length, MAX_WALK); depth++) {
    const ancestor = parsed.dn.slice(depth);
    if (context && ancestor.length < context.length) break;
    if (await exists(client, formatDn(ancestor))) return { matchedDn: formatDn(ancestor), inNamingContext: context !== undefined };
  }
  return { matchedDn: null, inNamingContext: context !== undefined };
}

async function namingContexts(client: Client): Promise<Dn[]> {
  try {
    const { searchEntries } = await client.search('', { scope: 'base', filter: '(objectClass=*)', attributes: ['namingContexts'] });
    const raw = searchEntries[0]?.namingContexts;
    const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    return values.map((v) => checkDn(String(v))).flatMap((c) => (c.ok ? [c.dn] : []));
  } catch {
    return [];
  }
}

function isWithin(dn: Dn, suffix: Dn): boolean {
  return dn.length >= suffix.length && dnKey(dn.slice(dn.length - suffix.length)) === dnKey(suffix);
}

async function exists(client: Client, dn: string): Promise<boolean> {
  try {
    const { searchEntries } = await client.search(dn, { scope: 'base', filter: '(objectClass=*)', attributes: ['1.1'] });
    return searchEntries.length > 0;
  } catch {
    return false;
  }
}
