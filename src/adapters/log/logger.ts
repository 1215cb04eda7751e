import pino, { type DestinationStream, type Logger as Pino } from 'pino';
import type { Logger } from '../../core/ports.ts';

import { REDACTED_KEYS } from './redacted-keys.ts';

const REDACT = REDACTED_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: REDACT, censor: '[redacted]' }, base: { service: 'dirsync' } };
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
