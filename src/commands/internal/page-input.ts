import { z } from 'zod';

/** Paging of the newest-first lists: `beforeId` is the `nextBeforeId` of the page before. */
export const PageInput = {
  limit: z.number().int().min(1).max(200).default(50),
  beforeId: z.number().int().positive().optional(),
};

/**
 * A list page with two sections (pending / decided, open / resolved): both, or only the one
 * `status` names. The second section is the one that pages, unless `status` names the first:
 * the first holds what is still open, which stays short. Each fetch asks for one row more
 * than the page, so `nextBeforeId` is null on the last page (no empty "older" page).
 */
export async function twoSections<S extends string, T extends { id: number }>(
  input: { status?: S | undefined; limit: number; beforeId?: number | undefined },
  sections: readonly [S, S],
  fetch: (status: S, limit: number, beforeId: number | undefined) => Promise<T[]>,
): Promise<{ first: T[]; second: T[]; nextBeforeId: number | null }> {
  const paged = input.status ?? sections[1];
  const load = async (status: S) => {
    if (input.status !== undefined && input.status !== status) return { page: [], next: null };
    const rows = await fetch(status, input.limit + 1, status === paged ? input.beforeId : undefined);
    const page = rows.slice(0, input.limit);
    return { page, next: rows.length > input.limit ? page[page.length - 1]!.id : null };
  };
  const [first, second] = await Promise.all(sections.map(load));
  return { first: first!.page, second: second!.page, nextBeforeId: (paged === sections[0] ? first : second)!.next };
}
