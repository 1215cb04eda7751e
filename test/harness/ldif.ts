// Minimal RFC 2849 reader for our own fixture files (content records only), so the fixture
// LDIF stays the single source of truth and DirectoryInfo is derived from it.

export interface LdifEntry {
  dn: string;
  /** Attribute names as written in the file; values in file order. */
  attributes: Record<string, string[]>;
}

export function parseLdif(text: string): LdifEntry[] {
  const entries: LdifEntry[] = [];
  // Unfold continuation lines (a line starting with one space continues the previous one).
  const lines = text.replace(/\r\n/g, '\n').replace(/\n /g, '').split('\n');
  let current: LdifEntry | undefined;
  for (const line of lines) {
    if (line.startsWith('#')) continue;
    if (line.trim() === '') {
      current = undefined;
      continue;
    }
    const match = /^([A-Za-z0-9;.-]+)(::?)\s*(.*)$/.exec(line);
    if (!match) throw new Error(`unsupported LDIF line: ${line}`);
    const [, name = '', sep, raw = ''] = match;
    const value = sep === '::' ? Buffer.from(raw, 'base64').toString('utf8') : raw;
    if (name.toLowerCase() === 'version') continue;
    if (name.toLowerCase() === 'dn') {
      current = { dn: value, attributes: {} };
      entries.push(current);
      continue;
    }
    if (!current) throw new Error(`LDIF attribute before dn: ${line}`);
    (current.attributes[name] ??= []).push(value);
  }
  return entries;
}

/** Values of an attribute, matching its name case-insensitively (LDAP names are). */
export function values(entry: LdifEntry, name: string): string[] {
  const key = Object.keys(entry.attributes).find((k) => k.toLowerCase() === name.toLowerCase());
  return key ? (entry.attributes[key] ?? []) : [];
}

export function first(entry: LdifEntry, name: string): string | undefined {
  return values(entry, name)[0];
}

export function hasObjectClass(entry: LdifEntry, objectClass: string): boolean {
  return values(entry, 'objectClass').some((v) => v.toLowerCase() === objectClass.toLowerCase());
}

/** True when dn is `parent` or below it (case-insensitive string suffix, enough for fixtures). */
export function isUnder(dn: string, parent: string): boolean {
  const d = dn.toLowerCase();
  const p = parent.toLowerCase();
  return d === p || d.endsWith(`,${p}`);
}
