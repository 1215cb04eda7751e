import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { lockDataDir } from '../../src/adapters/db/data-dir-lock.ts';
import { createLogger, logFormatFor } from '../../src/adapters/log/logger.ts';
import { parseConfig } from '../../src/config.ts';

describe('createLogger', () => {
  it('censors secret-looking fields wherever they appear', () => {
    let out = '';
    const sink = new Writable({ write: (chunk, _enc, done) => ((out += String(chunk)), done()) });
    const log = createLogger('info', sink);
    log.info('binding', { password: 'p1', integration: { bindPassword: 'p2', name: 'corp' }, deep: { x: { token: 'p3' } }, headers: { authorization: 'Bearer p4' } });
    expect(out).toContain('"name":"corp"');
    expect(out).not.toMatch(/p1|p2|p3|p4/);
    expect(out).toContain('[redacted]');
  });
});

describe('log format', () => {
  const capture = (format: 'json' | 'pretty') => {
    let out = '';
    const sink = new Writable({ write: (chunk, _enc, done) => ((out += String(chunk)), done()) });
    return { log: createLogger('info', sink, format), out: () => out };
  };

  it('is human lines on a terminal and JSON otherwise, unless LOG_FORMAT says', () => {
    expect(logFormatFor(undefined, true)).toBe('pretty');
    expect(logFormatFor(undefined, false)).toBe('json');
    expect(logFormatFor(parseConfig({ LOG_FORMAT: 'json' }).logFormat, true)).toBe('json');
    expect(logFormatFor(parseConfig({ LOG_FORMAT: 'pretty' }).logFormat, false)).toBe('pretty');
    expect(() => parseConfig({ LOG_FORMAT: 'yaml' })).toThrow(/LOG_FORMAT: must be json or pretty/);
  });

  it('on a terminal: time, level, message and fields on one line; a link alone on the next; secrets still censored', () => {
    const { log, out } = capture(logFormatFor(undefined, true));
    log.info('dirsync listening on http://127.0.0.1:3000', { database: 'PGlite in /srv/.dirsync/pgdata', workers: 2 });
    log.warn('No dashboard user yet: open this link within 24 hours', { link: 'http://127.0.0.1:3000/setup/abc_DEF-1' });
    log.error('sync failed', { err: new Error('bind refused'), password: 'p1' });
    const lines = out().split('\n');
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d INFO  dirsync listening on http:\/\/127\.0\.0\.1:3000 database="PGlite in \/srv\/\.dirsync\/pgdata" workers=2$/);
    expect(lines[1]).toMatch(/^\d\d:\d\d:\d\d WARN  No dashboard user yet: open this link within 24 hours$/);
    expect(lines[2]).toBe('http://127.0.0.1:3000/setup/abc_DEF-1');
    expect(lines[3]).toMatch(/ERROR sync failed err="bind refused" password=\[redacted\]$/);
    expect(out()).not.toContain('p1');
    expect(out()).not.toContain('{');
  });

  it('as JSON: one object a line, the link a field of its own', () => {
    const { log, out } = capture('json');
    log.warn('No dashboard user yet', { link: 'http://h/setup/t' });
    expect(JSON.parse(out())).toMatchObject({ level: 40, msg: 'No dashboard user yet', link: 'http://h/setup/t', service: 'dirsync' });
  });
});

describe('lockDataDir', () => {
  it('refuses a second holder while the first is alive, and takes over a stale lock', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dirsync-lock-'));
    writeFileSync(join(dir, 'dirsync.pid'), '1'); // pid 1 is always alive
    expect(() => lockDataDir(dir)).toThrow(/in use by process 1.*DATABASE_URL/);
    writeFileSync(join(dir, 'dirsync.pid'), '999999999'); // no such process
    const release = lockDataDir(dir);
    release();
    lockDataDir(dir)();
  });
});
