/** Small text helpers for terminal output. */

export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(headers), ...rows.map(line)].join('\n') + '\n';
}

export function fields(pairs: [string, string | string[]][]): string {
  const width = Math.max(...pairs.map(([k]) => k.length));
  return pairs
    .map(([k, v]) => {
      const values = Array.isArray(v) ? (v.length ? v : ['—']) : [v];
      return values.map((value, i) => `  ${(i === 0 ? k : '').padEnd(width)}  ${value}`).join('\n');
    })
    .join('\n') + '\n';
}

/** ISO timestamp → "2026-11-20 14:03 UTC" for humans. */
export function when(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
