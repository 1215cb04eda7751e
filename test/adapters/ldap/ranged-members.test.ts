import type { Client } from 'ldapts';
import { describe, expect, it } from 'vitest';
import { readGroupEntries } from '../../../src/adapters/ldap/read.ts';

/**
 * Active Directory returns at most 1,500 values of `member` and names the slice
 * (`member;range=0-1499`); Samba returns every value, so this follows AD's documented answers
 * with a scripted client instead.
 */
function adLikeClient(total: number, slice = 1500): Client & { requests: string[] } {
  const members = Array.from({ length: total }, (_, i) => `CN=u${i},OU=Staff,DC=corp,DC=example`);
  const part = (from: number) => {
    const to = Math.min(from + slice, total) - 1;
    return { [`member;range=${from}-${to === total - 1 ? '*' : to}`]: members.slice(from, to + 1) };
  };
  const requests: string[] = [];
  return {
    requests,
    async *searchPaginated() {
      yield { searchEntries: [{ dn: 'CN=big,DC=corp,DC=example', objectGUID: Buffer.alloc(16), cn: 'big', ...(total > slice ? part(0) : { member: members }) }], searchReferences: [] };
    },
    async search(_dn: string, options: { attributes: string[] }) {
      requests.push(options.attributes[0]!);
      const from = Number(/range=(\d+)-/.exec(options.attributes[0]!)![1]);
      return { searchEntries: [{ dn: 'CN=big,DC=corp,DC=example', ...part(from) }], searchReferences: [] };
    },
  } as unknown as Client & { requests: string[] };
}

describe('readGroupEntries: AD ranged member retrieval', () => {
  it('fetches every range until one ends in *', async () => {
    const client = adLikeClient(3700);
    const pages = [];
    for await (const page of readGroupEntries(client, ['DC=corp,DC=example'], { filter: '(objectClass=group)', attributes: ['objectGUID', 'cn', 'member'], binary: ['objectGUID'] }, 'member', 1000)) pages.push(page);
    const group = pages[0]![0]!;
    expect((group.member as string[]).length).toBe(3700);
    expect(new Set(group.member as string[]).size).toBe(3700);
    expect(Object.keys(group).filter((k) => k.includes(';range='))).toEqual([]);
    expect(client.requests).toEqual(['member;range=1500-*', 'member;range=3000-*']);
  });

  it('leaves small groups alone', async () => {
    const client = adLikeClient(20);
    for await (const page of readGroupEntries(client, ['DC=corp,DC=example'], { filter: '(objectClass=group)', attributes: ['member'], binary: [] }, 'member', 1000)) {
      expect((page[0]!.member as string[]).length).toBe(20);
    }
    expect(client.requests).toEqual([]);
  });
});
