import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeSlapd } from '../harness/directories.ts';
import type { SlapdInfo } from '../harness/directory-info.ts';
import { backends } from '../support/databases.ts';
import { extraPeople, ownSlapd } from '../support/sync.ts';
import { checkPage, launchChromium } from './browser.ts';
import { dirsyncCli, startDirsync } from './server-process.ts';

const ARTIFACTS = join(new URL('../../', import.meta.url).pathname, 'test-artifacts', 'dashboard');
const postgresBackend = backends.find((b) => b.name === 'postgres');
const PASSWORD = { alice: 'first admin passphrase 1', bob: 'second admin passphrase 2' };

// The server and the CLI share one database while both run, which PGlite (one process) cannot do.
(postgresBackend ? describeSlapd : describe.skip)('dashboard end to end in Chromium (real server, Postgres, slapd)', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startDirsync>>;
  let env: Record<string, string>;
  let cleanup: Array<() => Promise<unknown>> = [];

  beforeAll(async () => {
    const db = await postgresBackend!.create();
    await db.database.close();
    env = { DATABASE_URL: db.url!, DIRSYNC_WORKERS: '1', LOG_LEVEL: 'info' };
    server = await startDirsync(env);
    browser = await launchChromium();
    cleanup = [() => browser.close(), () => server.stop(), () => db.drop()];
  }, 120_000);
  afterAll(async () => {
    for (const step of cleanup) await step().catch(() => {});
  });

  const signIn = async (page: Page, login: string, password: string) => {
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Login').fill(login);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.url()).toBe(`${server.url}/`);
  };

  /** The add form, filled as an admin would for the test slapd (plain LDAP on loopback). */
  const fillIntegration = async (page: Page, name: string, info: SlapdInfo) => {
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Directory kind').selectOption('openldap');
    await page.getByLabel('Server URLs').fill(info.url);
    await page.getByLabel('Transport security').selectOption('none');
    await page.getByLabel('Bind DN').fill(info.service.dn);
    await page.getByLabel('Bind password').fill(info.service.password);
    await page.getByLabel('Base DNs').fill(info.baseDn);
  };

  it('setup, sign in, add and test and sync an integration, the blocking banner, a delete approved by a second admin', async () => {
    const { info, admin, slapd } = await ownSlapd(extraPeople(30));
    cleanup.unshift(() => slapd.stop());
    // bypassCSP only lets the test inject axe-core; the pages themselves are served with the CSP.
    const alice = await (await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } })).newPage();
    alice.on('dialog', (d) => void d.accept());

    // First run: the one-time link from the log creates the first admin.
    await alice.goto(server.setupLink);
    await checkPage(alice, ARTIFACTS, '01-setup');
    await alice.getByLabel('Login').fill('alice');
    await alice.getByLabel('Password', { exact: true }).fill(PASSWORD.alice);
    await alice.getByLabel('Repeat the password').fill(PASSWORD.alice);
    await alice.getByRole('button', { name: 'Create admin and sign in' }).click();
    await expect.poll(() => alice.getByText('you are the first admin').count()).toBe(1);
    await alice.getByRole('button', { name: 'Sign out' }).click();
    await checkPage(alice, ARTIFACTS, '02-login');
    await signIn(alice, 'alice', PASSWORD.alice);

    // Add an integration pointing at the test slapd.
    await alice.getByRole('link', { name: 'Add integration' }).click();
    // Inline validation as you type: the DN escaping hint (with its fix) and the schedule preview.
    const bindDn = alice.getByLabel('Bind DN');
    await bindDn.fill('cn=svc,ou=Docs/KB,dc=example,dc=org');
    await bindDn.blur();
    await expect.poll(() => alice.locator('#h-bindDn').textContent()).toContain('\\2FKB');
    await alice.getByRole('button', { name: 'Use the corrected DN' }).click();
    expect(await bindDn.inputValue()).toMatch(/ou=Docs\\2FKB,dc=example,dc=org$/i);
    const schedule = alice.getByLabel('Schedule (cron)');
    await schedule.fill('30 6 * * 1-5');
    await expect.poll(() => alice.locator('#h-schedule').textContent()).toMatch(/^Next runs \(UTC\): .*06:30 UTC/);
    await schedule.fill('61 * * * *');
    await expect.poll(() => alice.locator('#h-schedule').getAttribute('class')).toBe('field-error');
    await schedule.fill('0 8,13,23 * * *');
    await fillIntegration(alice, 'lab', info);
    await checkPage(alice, ARTIFACTS, '03-add-integration');
    await alice.getByRole('button', { name: 'Add integration' }).click();
    await expect.poll(() => alice.url()).toBe(`${server.url}/integrations/lab`);

    // Test: the staged result, every stage passing.
    await alice.getByRole('button', { name: 'Test connection' }).click();
    const result = alice.locator('#test-result');
    await expect.poll(() => result.getAttribute('data-ok')).toBe('true');
    expect(await result.locator('[data-stage]').count()).toBe(8);
    expect(await result.locator('[data-stage][data-status="fail"]').count()).toBe(0);

    // Sync: the live region follows the run over server-sent events to its counts.
    await alice.getByRole('button', { name: 'Sync now' }).click();
    const live = alice.locator('[data-run-events]');
    await expect.poll(() => live.count()).toBe(1);
    expect(await live.locator('[data-run-text]').textContent()).toMatch(/Sync #\d+/);
    await expect.poll(() => live.getAttribute('data-state'), { timeout: 30_000 }).toBe('succeeded');
    expect(await live.locator('[data-run-text]').textContent()).toMatch(/succeeded in [\d.]+ s: \d+ users \(\d+ added\)/);
    // The run table updated itself when the run ended: no reload, no "updated page" link.
    await expect.poll(() => alice.locator('[data-refresh="runs"] tr[data-run]').first().textContent(), { timeout: 10_000 }).toMatch(/succeeded/);
    expect(await alice.locator('[data-run-more]').isHidden()).toBe(true);
    await checkPage(alice, ARTIFACTS, '04-integration-synced');

    // A second integration, disabled: it now blocks destructive changes for the whole account.
    await alice.goto(`${server.url}/integrations/new`);
    await fillIntegration(alice, 'old-dir', info);
    await alice.getByRole('button', { name: 'Add integration' }).click();
    await alice.getByRole('button', { name: 'Disable' }).click();
    await expect.poll(() => alice.getByText('old-dir is disabled.').count()).toBe(1);

    // Someone leaves the directory: the next sync derives a destructive change, which the gate holds.
    await admin.del(info.users[0]!.dn);
    await alice.goto(`${server.url}/integrations/lab`);
    await alice.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => alice.locator('[data-run-events]').getAttribute('data-state'), { timeout: 30_000 }).toBe('succeeded');
    await alice.goto(`${server.url}/`);
    const banner = alice.locator('[data-blocking="old-dir"]');
    expect(await banner.textContent()).toMatch(/old-dir has been disabled for .+ and is blocking \d+ destructive changes? in 1 integration/);
    await checkPage(alice, ARTIFACTS, '05-overview-blocked');
    await alice.getByRole('link', { name: /old-dir has been disabled/ }).click();
    await expect.poll(() => alice.url()).toBe(`${server.url}/integrations/old-dir`);

    // Delete needs a second admin: the requester is not offered Approve.
    await alice.getByRole('button', { name: 'Request delete' }).click();
    await expect.poll(() => alice.url()).toBe(`${server.url}/approvals`);
    const request = alice.locator('[data-approval][data-status="pending"]');
    expect(await request.textContent()).toMatch(/Delete integration old-dir/);
    expect(await request.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    await checkPage(alice, ARTIFACTS, '06-approvals-requested');
    await request.getByRole('link', { name: /Who it touches/ }).click();
    await expect.poll(() => alice.locator('h2', { hasText: 'Who it touches' }).count()).toBe(1);
    await checkPage(alice, ARTIFACTS, '06b-approval-who');

    const added = await dirsyncCli(['users', 'add', 'bob', '--role', 'admin'], env, `${PASSWORD.bob}\n`);
    expect(added.out).toMatch(/bob/);
    expect(added.code).toBe(0);
    const bob = await (await browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 } })).newPage();
    bob.on('dialog', (d) => void d.accept());
    await signIn(bob, 'bob', PASSWORD.bob);
    await bob.goto(`${server.url}/approvals`);
    await bob.locator('[data-approval][data-status="pending"]').getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => bob.getByText(/approved: old-dir is deleted/).count()).toBe(1);
    await checkPage(bob, ARTIFACTS, '07-approvals-decided-phone');

    // The integration is gone, and with it the block.
    await bob.goto(`${server.url}/`);
    expect(await bob.locator('[data-integration="old-dir"]').count()).toBe(0);
    expect(await bob.locator('[data-blocking]').count()).toBe(0);
    expect((await bob.goto(`${server.url}/integrations/old-dir`))!.status()).toBe(404);
    await checkPage(bob, ARTIFACTS, '08-overview-phone');

    for (const [name, path] of [['09-alerts', '/alerts'], ['10-audit', '/audit']] as const) {
      await alice.goto(`${server.url}${path}`);
      await checkPage(alice, ARTIFACTS, name);
    }
    const icon = await alice.request.get(`${server.url}/favicon.ico`);
    expect([icon.status(), icon.headers()['content-type']]).toEqual([200, 'image/x-icon']);
    expect(server.log()).not.toContain(PASSWORD.alice);
    expect(server.log()).not.toContain(info.service.password);
  }, 180_000);
});
