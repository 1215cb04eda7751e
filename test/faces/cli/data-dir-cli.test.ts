import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { READS_ONLY } from '../../../src/faces/cli/dispatch.ts';
import type { CliIo } from '../../../src/faces/cli/io.ts';
import { runCli } from '../../../src/faces/cli/run-cli.ts';
import { COMMANDS } from '../../../src/commands/registry.ts';

/** The CLI in-process with the real runtime (PGlite in DIRSYNC_DATA_DIR), as `dirsync` opens it. */
async function dirsync(argv: string[], env: Record<string, string>) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    argv, env, user: 'tester', stdinIsTty: false, stdoutIsTty: false, stderrIsTty: false,
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: async () => '',
  };
  const code = await runCli(io);
  return { code, stdout, stderr };
}

describe('the data folder', () => {
  const root = mkdtempSync(join(tmpdir(), 'dirsync-datadir-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it.each([['list'], ['show', 'corp'], ['history', 'corp'], ['pending'], ['audit'], ['test', 'corp'], ['integrations', 'list', '--json']])(
    '`%s` where there is none creates nothing and says where it looked and how to point elsewhere',
    async (...argv) => {
      const dataDir = join(root, `missing-${argv.join('-')}`);
      const result = await dirsync(argv, { DIRSYNC_DATA_DIR: dataDir });
      expect(result.code).toBe(2);
      const said = argv.includes('--json') ? JSON.parse(result.stdout).error.message : result.stderr;
      expect(said).toContain(`No embedded database in ${dataDir} `);
      expect(said).toMatch(/created nothing.*DIRSYNC_DATA_DIR.*DATABASE_URL/);
      expect(existsSync(dataDir)).toBe(false);
    },
  );

  it('a command that sets up creates it and says so with the absolute path; reads then work without a word about it', async () => {
    const dataDir = join(root, 'new');
    const added = await dirsync(['users', 'add', 'alice', '--role', 'admin', '--password-env', 'PW'], { DIRSYNC_DATA_DIR: dataDir, PW: 'Correct-Horse-9-battery' });
    expect(added.code).toBe(0);
    expect(added.stderr).toContain(`created ${dataDir} for dirsync's data`);
    const list = await dirsync(['users'], { DIRSYNC_DATA_DIR: dataDir });
    expect(list).toMatchObject({ code: 0, stderr: '' });
    expect(list.stdout).toContain('alice');
  }, 180_000);

  it('the default is relative to the current folder, and the refusal names it absolutely', async () => {
    const cwd = mkdtempSync(join(root, 'cwd-'));
    const cli = new URL('../../../src/cli.mjs', import.meta.url).pathname;
    const child = spawn(process.execPath, [cli, 'list'], { cwd, env: { PATH: process.env.PATH ?? '' } });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain(`No embedded database in ${join(cwd, '.dirsync')} `);
    expect(existsSync(join(cwd, '.dirsync'))).toBe(false);
  });

  it('names only commands of the registry', () => {
    const names = new Set(COMMANDS.map((c) => c.spec.name));
    for (const name of READS_ONLY) expect(names.has(name), name).toBe(true);
  });
});
