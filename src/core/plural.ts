/** Counts in sentences, shared by every face (chat, dashboard) so they read the same. */

export const num = (n: number) => n.toLocaleString('en-US');

/** "1 change", "37 changes", "1,024 user deletions". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${num(n)} ${n === 1 ? one : many}`;
}
