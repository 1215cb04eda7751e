import type { Logger } from '../../core/ports.ts';

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
type Level = (typeof LEVELS)[number];

/**
 * The CLI's logger: short lines on stderr (stdout stays clean for --json). Structured fields are
 * left out on purpose, apart from an error's message, so nothing secret can ride along.
 */
export function textLogger(write: (text: string) => void, minimum: Level = 'warn'): Logger {
  const enabled = (level: Level) => LEVELS.indexOf(level) >= LEVELS.indexOf(minimum);
  const line = (level: Level) => (msg: string, fields?: object) => {
    if (!enabled(level)) return;
    const err = (fields as { err?: unknown } | undefined)?.err;
    const detail = err instanceof Error ? `: ${err.message}` : '';
    write(`${level === 'warn' ? 'warning' : level}: ${msg}${detail}\n`);
  };
  const logger: Logger = { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error'), child: () => logger };
  return logger;
}
