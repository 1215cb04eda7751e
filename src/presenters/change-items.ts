import type { ChangePage } from '../core/sync-ports.ts';
import { code, flat, list, type Part, type Rich } from './message.ts';
import { CHANGES_SHOWN, changeItemWords } from './words.ts';

/**
 * Who a batch of destructive changes touches, by name and DN: the first ten, then "…and N
 * more" (an approval card, `pending`). The dashboard and `--json` carry all of them.
 */
export function changeList(page: ChangePage, opts: { title: Rich; hint?: Rich }): Part {
  const items = page.items.map((c) => flat(['• ', ...changeItemWords(c, code)]));
  return list(items, { title: opts.title, max: CHANGES_SHOWN, total: page.total, ...(opts.hint && { hint: opts.hint }) });
}
