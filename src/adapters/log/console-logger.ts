import type { Logger } from '../../core/ports.ts';
import type { LogLevel } from './logger.ts';
import { REDACTED_KEYS } from './redacted-keys.ts';

const LEVELS = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity } as const;
const REDACTED = new Set(REDACTED_KEYS);

/**
 * The logger on Cloudflare Workers, where pino's streams have nowhere to write: one JSON line per
 * entry on the console (what `wrangler tail` and Workers Logs collect), the same fields and the
 * same redaction as on Node.
 */
export function createConsoleLogger(level: LogLevel, bindings: object = { service: 'dirsync' }): Logger {
  const at = (name: 'debug' | 'info' | 'warn' | 'error') => (msg: string, fields?: object) => {
    if (LEVELS[name] < LEVELS[level]) return;
    const line = JSON.stringify({ level: name, time: Date.now(), ...bindings, ...fields, msg }, redact);
    (name === 'error' ? console.error : name === 'warn' ? console.warn : console.log)(line);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: (more) => createConsoleLogger(level, { ...bindings, ...more }) };
}

function redact(key: string, value: unknown): unknown {
  if (REDACTED.has(key)) return '[redacted]';
  if (value instanceof Error) return { type: value.name, message: value.message, ...(value.stack && { stack: value.stack }) };
  return value;
}
