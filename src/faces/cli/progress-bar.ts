/**
 * A one-line progress bar on a terminal's stderr (stdout stays clean for --json). The total is an
 * estimate (the last good run's entries), so the bar never claims more than 99 % before the end.
 */
export function progressBar(write: (text: string) => void, width = 24) {
  let last = 0;
  let lastPhase = '';
  let shown = false;
  return {
    update(label: string, phase: string, done: number, estimate: number | null) {
      const now = Date.now();
      // Throttled within a phase; a new phase always draws, so a fast sync still shows its steps.
      if (phase === lastPhase && now - last < 100) return;
      last = now;
      lastPhase = phase;
      shown = true;
      const count = done.toLocaleString('en-US');
      if (!estimate) {
        write(`\r\x1b[2K${label}  ${phase}  ${count} entries`);
        return;
      }
      const ratio = Math.min(0.99, done / estimate);
      const filled = Math.round(ratio * width);
      write(`\r\x1b[2K${label}  [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.floor(ratio * 100)}%  ${phase}  ${count} / ~${estimate.toLocaleString('en-US')} entries`);
    },
    clear() {
      if (shown) write('\r\x1b[2K');
      shown = false;
    },
  };
}
