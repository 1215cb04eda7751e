import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { lockDataDir } from '../../src/adapters/db/data-dir-lock.ts';
import { createLogger } from '../../src/adapters/log/logger.ts';

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
