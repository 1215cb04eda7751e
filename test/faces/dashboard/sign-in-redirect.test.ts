import { describe, expect, it } from 'vitest';
import { addWebUser } from '../../../src/commands/web-user/add.ts';
import { dashboardHarness, ORIGIN, PASSWORD } from '../../support/dashboard.ts';
import { backends } from '../../support/databases.ts';
import { useDatabase } from '../../support/suite.ts';

/** `next` values from a week of attacks (as sent, percent-encoded): each must leave a fresh sign-in on this site. */
const HOSTILE = [
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '/\r\nSet-Cookie: dirsync_session=planted',
  '/\u000b/evil.example',
  '/\u0000/evil.example',
  '/\u007f/evil.example',
  '/\u0085/evil.example',
  '\t//evil.example',
  ' //evil.example',
  '//evil.example',
  '///evil.example',
  '//evil.example/%2F..',
  '/\\evil.example',
  '/\\/evil.example',
  '\\\\evil.example',
  '/x\\..\\..\\/evil.example',
  '/..//evil.example',
  '/.//evil.example',
  '/a/../..//evil.example',
  'https://evil.example',
  'http:evil.example',
  'http://localhost@evil.example/',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'evil.example',
  '/\u2028/evil.example',
  '/ｅｖｉｌ.example',
].map(encodeURIComponent);
/** Query strings a browser would not make: invalid UTF-8 after `/`, a broken escape, escapes within escapes. */
const RAW = ['%2F%ED%A0%80%2F%2Fevil.example', '%2F%E0%A4%A', '%%2F%2Fevil.example', '%2F%252F%252Fevil.example'];

/** Where a browser goes with this Location: stays on the origin, and is not re-read as `//host` after it drops tabs and newlines. */
function staysHere(location: string | null): boolean {
  if (location === null || /[\p{Cc}\\]/u.test(location) || !location.startsWith('/') || location.startsWith('//')) return false;
  return new URL(location, ORIGIN).origin === ORIGIN;
}

describe.each(backends)('where a sign-in sends the browser next ($name)', (backend) => {
  const db = useDatabase(backend);

  it('keeps every hostile next on this site, for the signed-in GET and the sign-in POST', async () => {
    const h = await dashboardHarness(db.store);
    await addWebUser({ ctx: h.as('admin'), input: { login: 'alice', role: 'operator', password: PASSWORD } });
    const answers: Record<string, unknown[]> = {};
    for (const next of [...HOSTILE, ...RAW]) {
      const b = h.browser();
      const query = `/login?next=${next}`;
      const form = await b.load(query);
      const action = /<form method="post" action="([^"]*)"/.exec(form.body)?.[1]?.replace(/&amp;/g, '&') ?? '';
      const posted = await b.post(query, { login: 'alice', password: PASSWORD });
      const again = await b.get(query); // signed in now: straight to next
      answers[next] = [form.status, staysHere(new URL(action, ORIGIN).searchParams.get('next')), posted.status, staysHere(posted.location), again.status, staysHere(again.location)];
    }
    expect(HOSTILE.length).toBeGreaterThanOrEqual(20);
    expect(answers).toEqual(Object.fromEntries([...HOSTILE, ...RAW].map((next) => [next, [200, true, 303, true, 303, true]])));
  });

  it('still goes back to a plain local page, query included', async () => {
    const h = await dashboardHarness(db.store);
    const b = await h.signedIn('operator');
    for (const next of ['/audit?actor=web:alice&limit=5', '/integrations/corp-ad', '/integrations/new#top']) {
      const res = await b.get(`/login?next=${encodeURIComponent(next)}`);
      expect([res.status, res.location]).toEqual([303, next]);
    }
  });
});
