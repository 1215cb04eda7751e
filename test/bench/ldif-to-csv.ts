// Glue between the baseline's two timed steps: ldapsearch's LDIF → CSV files for psql \copy.
// Not counted in the baseline, but kept to one pass over in-memory strings so it stays cheap.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface CsvCounts {
  users: number;
  addresses: number;
  groups: number;
  memberships: number;
}

/**
 * Calls onEntry(dn, values) per entry of an ldapsearch -LLL dump; `values` maps lower-cased
 * attribute names to their values (base64 decoded). Walks the text with indexOf instead of
 * split() and reuses one Map: the dump is ~70 MB at 100k users and garbage dominated otherwise.
 */
function scan(text: string, onEntry: (dn: string, values: Map<string, string[]>) => void): void {
  // Unfolding is only needed if ldif-wrap was not disabled.
  if (text.includes('\n ')) text = text.replace(/\n /g, '');
  const values = new Map<string, string[]>();
  let dn: string | undefined;
  const flush = () => {
    if (dn !== undefined) onEntry(dn, values);
    dn = undefined;
    values.clear();
  };
  for (let pos = 0; pos < text.length; ) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    if (end === pos) flush();
    else if (text.charCodeAt(pos) !== 35 /* # comment */) {
      const colon = text.indexOf(':', pos);
      const name = text.slice(pos, colon).toLowerCase();
      const b64 = text.charCodeAt(colon + 1) === 58;
      const start = colon + (b64 ? 2 : 1) + (text.charCodeAt(colon + (b64 ? 2 : 1)) === 32 ? 1 : 0);
      const value = b64 ? Buffer.from(text.slice(start, end), 'base64').toString('utf8') : text.slice(start, end);
      if (name === 'dn') dn = value;
      else {
        const list = values.get(name);
        if (list) list.push(value);
        else values.set(name, [value]);
      }
    }
    pos = end + 1;
  }
  flush();
}

/**
 * Output as 64 KiB Buffers: the rows' short strings then die young. Keeping them all as one
 * growing string (or an array of rows) made garbage collection ~70 % of the run time.
 */
class Out {
  parts: Buffer[] = [];
  chunk = '';
  rows = 0;
  add(row: string): void {
    this.chunk += row;
    this.rows++;
    if (this.chunk.length > 65_536) this.flush();
  }
  flush(): Buffer[] {
    this.parts.push(Buffer.from(this.chunk));
    this.chunk = '';
    return this.parts;
  }
}

/** CSV field: always quoted (DNs contain commas), quotes doubled. */
const q = (v: string | undefined): string => (v === undefined ? '' : v.includes('"') ? `"${v.replaceAll('"', '""')}"` : `"${v}"`);

/** Writes users/addresses/groups/memberships .csv into dir. */
export async function ldifToCsv(usersLdif: string, groupsLdif: string, dir: string): Promise<CsvCounts> {
  const [users, addresses, groups, memberships] = [new Out(), new Out(), new Out(), new Out()];
  scan(await readFile(usersLdif, 'utf8'), (dn, v) => {
    const uuid = q(v.get('entryuuid')?.[0]);
    users.add(`${uuid},${q(dn)},${q(v.get('mail')?.[0])},${q(v.get('displayname')?.[0])}\n`);
    for (const p of v.get('proxyaddresses') ?? []) {
      // SMTP: is the primary, smtp: an alias; other types (X500:, SIP:) are not mail addresses.
      const type = p.slice(0, 5);
      if (type.toLowerCase() === 'smtp:') addresses.add(`${uuid},${q(p.slice(5).toLowerCase())},${type === 'SMTP:' ? 't' : 'f'}\n`);
    }
  });
  scan(await readFile(groupsLdif, 'utf8'), (dn, v) => {
    const uuid = q(v.get('entryuuid')?.[0]);
    groups.add(`${uuid},${q(dn)},${q(v.get('cn')?.[0])}\n`);
    for (const m of v.get('member') ?? []) memberships.add(`${uuid},${q(m)}\n`);
  });
  const files = { users, addresses, groups, memberships };
  await Promise.all(Object.entries(files).map(([name, out]) => writeFile(join(dir, `${name}.csv`), out.flush())));
  return { users: users.rows, addresses: addresses.rows, groups: groups.rows, memberships: memberships.rows };
}
