import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, launchChromium } from './browser.ts';
import { startDirsync } from './server-process.ts';

const PASSWORD = 'first admin passphrase 1';
const haveChromium = existsSync(chromiumPath());
if (!haveChromium) console.warn(`[e2e] ${chromiumPath()} not found: the sign-in redirect check in Chromium is skipped (CI=true fails instead).`);

// `next` values Chromium turns into another host: it drops the tab or newline and reads `//evil.example`.
const HOSTILE = ['/\t/evil.example', '/\n/evil.example', '/\\evil.example'];

describe.skipIf(!haveChromium && process.env.CI !== 'true')('sign-in with a hostile next, in Chromium (real server, PGlite)', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startDirsync>>;

  beforeAll(async () => {
    server = await startDirsync({ DIRSYNC_WORKERS: '0', DIRSYNC_SCHEDULER: 'off' });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Where the page is once a navigation settles; a try to leave ends in a DNS error (only 127.0.0.1 resolves), named here. */
  const landing = (page: Page, navigation: Promise<unknown>) =>
    navigation.then(
      async () => (await page.waitForLoadState(), page.url()),
      (e: Error) => `left the origin: ${e.message.split('\n')[0]}`,
    );

  it('ends on the dashboard, signed in by GET and by the sign-in form', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(server.setupLink);
    await page.getByLabel('Login').fill('alice');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Repeat the password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create admin and sign in' }).click();
    await expect.poll(() => page.url()).toBe(`${server.url}/`);

    for (const next of HOSTILE) {
      // Signed in: /login sends the browser straight to next.
      expect(await landing(page, page.goto(`${server.url}/login?next=${encodeURIComponent(next)}`)), JSON.stringify(next)).toBe(`${server.url}/`);

      await page.getByRole('button', { name: 'Sign out' }).click();
      await expect.poll(() => page.url()).toBe(`${server.url}/login`);
      await page.goto(`${server.url}/login?next=${encodeURIComponent(next)}`);
      await page.getByLabel('Login').fill('alice');
      await page.getByLabel('Password').fill(PASSWORD);
      const signedIn = landing(page, page.waitForURL((url) => url.pathname !== '/login', { waitUntil: 'load' }));
      await page.getByRole('button', { name: 'Sign in' }).click();
      expect(await signedIn, JSON.stringify(next)).toBe(`${server.url}/`);
      expect(await page.getByText('alice (admin)').count()).toBe(1);
    }
  }, 60_000);
});
