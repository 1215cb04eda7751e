import type { Client, Control } from 'ldapts';
import type { RawEntry } from '../../core/directory-entry.ts';
import { observe } from './observe.ts';

export interface ReadSpec {
  filter: string;
  attributes: string[];
  /** Returned as raw bytes (objectGUID: a GUID may happen to be valid UTF-8). */
  binary: string[];
}

const asArray = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Paged search over every base DN, one page at a time: memory holds a page, not a directory. */
export async function* readEntries(client: Client, baseDns: string[], spec: ReadSpec, pageSize: number, controls?: Control[]): AsyncGenerator<RawEntry[]> {
  try {
    for (const base of baseDns) {
      const pages = client.searchPaginated(
        base,
        { scope: 'sub', filter: spec.filter, attributes: spec.attributes, explicitBufferAttributes: spec.binary, paged: { pageSize } },
        controls,
      );
      for await (const page of pages) yield page.searchEntries as RawEntry[];
    }
  } catch (e) {
    throw observe(e);
  }
}

/** Groups with their full member lists. */
export async function* readGroupEntries(client: Client, baseDns: string[], spec: ReadSpec, memberAttribute: string, pageSize: number): AsyncGenerator<RawEntry[]> {
  for await (const page of readEntries(client, baseDns, spec, pageSize)) {
    for (const entry of page) await completeRangedMembers(client, entry, memberAttribute);
    yield page;
  }
}

const rangeKey = (entry: object, attribute: string) =>
  Object.keys(entry).find((k) => k.toLowerCase().startsWith(`${attribute.toLowerCase()};range=`));

/**
 * AD returns at most 1,500 values of `member` at a time, as `member;range=0-1499`; the rest
 * must be asked for range by range until a range ends in `*`.
 */
async function completeRangedMembers(client: Client, entry: RawEntry, attribute: string): Promise<void> {
  let key = rangeKey(entry, attribute);
  if (!key) return;
  const values = asArray(entry[key]);
  delete entry[key];
  try {
    while (!key.endsWith('-*')) {
      const next = Number(/-(\d+)$/.exec(key)![1]) + 1;
      const { searchEntries } = await client.search(entry.dn, { scope: 'base', filter: '(objectClass=*)', attributes: [`${attribute};range=${next}-*`] });
      const part = searchEntries[0];
      const found = part && rangeKey(part, attribute);
      if (!part || !found) break;
      values.push(...asArray(part[found]));
      key = found;
    }
  } catch (e) {
    throw observe(e);
  }
  entry[attribute] = values;
}
