import pino, { type DestinationStream, type Logger as Pino } from 'pino';
import type { Logger } from '../../core/ports.ts';
import { prettyLine } from './pretty.ts';

import { REDACTED_KEYS } from './redacted-keys.ts';

const REDACT = REDACTED_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export type LogFormat = 'json' | 'pretty';

/** LOG_FORMAT when set; else lines for a person on a terminal, JSON for a collector. */
export function logFormatFor(configured: LogFormat | undefined, isTty: boolean): LogFormat {
  return configured ?? (isTty ? 'pretty' : 'json');
}

export function createLogger(level: LogLevel, destination?: DestinationStream, format: LogFormat = 'json'): Logger {
  const options = { level, redact: { paths: REDACT, censor: '[redacted]' }, base: { service: 'dirsync' } };
  if (format === 'pretty') {
    const out = destination ?? process.stdout;
    return wrap(pino(options, { write: (line: string) => void out.write(prettyLine(line)) }));
  }
  return wrap(destination ? pino(options, destination) : pino(options));
}

function wrap(p: Pino): Logger {
  return {
    debug: (msg, fields) => p.debug(fields ?? {}, msg),
    info: (msg, fields) => p.info(fields ?? {}, msg),
    warn: (msg, fields) => p.warn(fields ?? {}, msg),
    error: (msg, fields) => p.error(fields ?? {}, msg),
    child: (bindings) => wrap(p.child(bindings)),
  };
}
