import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliWithoutDatabase } from '../../support/cli.ts';

const APP_ID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const dir = mkdtempSync(join(tmpdir(), 'dirsync-teams-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = cliWithoutDatabase;

/** The manifest inside a package, found by name in the zip's bytes (deflated, so inflated here). */
async function manifestIn(file: string) {
  const { inflateRawSync } = await import('node:zlib');
  const zip = readFileSync(file);
  expect(zip.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
  const packed = zip.readUInt32LE(18);
  const nameLength = zip.readUInt16LE(26);
  expect(zip.subarray(30, 30 + nameLength).toString()).toBe('manifest.json');
  return JSON.parse(inflateRawSync(zip.subarray(30 + nameLength, 30 + nameLength + packed)).toString());
}

describe('dirsync teams package', () => {
  it('writes the package to --out and says where to upload it, without a database', async () => {
    const out = join(dir, 'flags.zip');
    const result = await run(['teams', 'package', '--app-id', APP_ID, '--url', 'https://dirsync.example.com/', '--out', out]);
    expect(result).toMatchObject({ code: 0, stderr: '', opened: false });
    expect(result.stdout).toBe(
      `Wrote ${out} (manifest 1.17, app id ${APP_ID}, valid domain dirsync.example.com). Upload it in Teams: Apps → Manage your apps → Upload an app.\n`,
    );
    const m = await manifestIn(out);
    expect(m).toMatchObject({ id: APP_ID, manifestVersion: '1.17', validDomains: ['dirsync.example.com'] });
    expect(m.bots[0].botId).toBe(APP_ID);
  });

  it('takes MICROSOFT_APP_ID and DIRSYNC_PUBLIC_URL from the environment; flags win', async () => {
    const env = { MICROSOFT_APP_ID: APP_ID, DIRSYNC_PUBLIC_URL: 'https://env.example.com' };
    const fromEnv = await run(['teams', 'package', '--out', join(dir, 'env.zip')], env);
    expect(fromEnv.code).toBe(0);
    expect((await manifestIn(join(dir, 'env.zip'))).validDomains).toEqual(['env.example.com']);
    const other = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
    const fromFlags = await run(['teams', 'package', '--app-id', other, '--url', 'https://flag.example.com', '--out', join(dir, 'flag.zip')], env);
    expect(fromFlags.code).toBe(0);
    expect(await manifestIn(join(dir, 'flag.zip'))).toMatchObject({ id: other, validDomains: ['flag.example.com'] });
  });

  it('names the publisher and its links: the public host by default, the given pages with flags', async () => {
    const base = ['teams', 'package', '--app-id', APP_ID, '--url', 'https://dirsync.example.com'];
    await run([...base, '--out', join(dir, 'default-dev.zip')]);
    expect((await manifestIn(join(dir, 'default-dev.zip'))).developer).toEqual({
      name: 'dirsync.example.com', websiteUrl: 'https://dirsync.example.com', privacyUrl: 'https://dirsync.example.com/privacy', termsOfUseUrl: 'https://dirsync.example.com/terms',
    });
    const own = await run([...base, '--out', join(dir, 'own-dev.zip'), '--developer', 'Example Corp IT', '--privacy-url', 'https://example.com/legal?doc=privacy', '--terms-url', 'https://example.com/legal/terms']);
    expect(own.code).toBe(0);
    expect((await manifestIn(join(dir, 'own-dev.zip'))).developer).toEqual({
      name: 'Example Corp IT', websiteUrl: 'https://dirsync.example.com', privacyUrl: 'https://example.com/legal?doc=privacy', termsOfUseUrl: 'https://example.com/legal/terms',
    });
    const plain = await run([...base, '--out', join(dir, 'plain-dev.zip'), '--privacy-url', 'http://example.com/privacy']);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain('the privacy statement URL (--privacy-url) must be an https:// address');
    expect(existsSync(join(dir, 'plain-dev.zip'))).toBe(false);
  });

  it('prints { file, appId, validDomain, manifestVersion } with --json', async () => {
    const out = join(dir, 'json.zip');
    const result = await run(['teams', 'package', '--app-id', APP_ID, '--url', 'https://dirsync.example.com:8443/base', '--out', out, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ file: out, appId: APP_ID, validDomain: 'dirsync.example.com', manifestVersion: '1.17' });
  });

  it('writes dirsync-teams.zip in the current directory by default', async () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const result = await run(['teams', 'package', '--app-id', APP_ID, '--url', 'https://dirsync.example.com']);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Wrote dirsync-teams\.zip /);
      expect(existsSync(join(dir, 'dirsync-teams.zip'))).toBe(true);
    } finally {
      process.chdir(cwd);
    }
  });

  it('exits 2 with the reason and the help for a missing or invalid app id or URL, writing nothing', async () => {
    const out = join(dir, 'refused.zip');
    const cases: [string[], RegExp][] = [
      [['--url', 'https://dirsync.example.com'], /Microsoft App ID: pass --app-id GUID \(or set MICROSOFT_APP_ID\)/],
      [['--app-id', 'not-a-guid', '--url', 'https://dirsync.example.com'], /must be a GUID/],
      [['--app-id', APP_ID], /public URL of this server: pass --url https:\/\/<public host> \(or set DIRSYNC_PUBLIC_URL\)/],
      [['--app-id', APP_ID, '--url', 'http://dirsync.example.com'], /only accepts https:\/\//],
    ];
    for (const [flags, message] of cases) {
      const result = await run(['teams', 'package', ...flags, '--out', out]);
      expect(result.code, flags.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toContain('Usage: dirsync teams package');
      expect(result.opened).toBe(false);
    }
    const asJson = await run(['teams', 'package', '--app-id', 'nope', '--url', 'https://dirsync.example.com', '--out', out, '--json']);
    expect(asJson.code).toBe(2);
    expect(JSON.parse(asJson.stdout).error).toMatchObject({ code: 'usage' });
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 on an unknown sub-command, an unknown flag or an extra argument', async () => {
    for (const argv of [['teams'], ['teams', 'install'], ['teams', 'package', '--token', 'x'], ['teams', 'package', 'extra']]) {
      const result = await run(argv, { MICROSOFT_APP_ID: APP_ID, DIRSYNC_PUBLIC_URL: 'https://dirsync.example.com' });
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr).toContain('Usage: dirsync teams package');
    }
  });

  it('shows its help on stdout with exit 0, and is listed in the top help', async () => {
    for (const argv of [['teams', 'help'], ['teams', '--help'], ['teams', 'package', '--help']]) {
      const result = await run(argv);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toContain('--app-id GUID');
    }
    expect((await run(['--help'])).stdout).toContain('teams package                 Build the Teams app package');
  });
});
