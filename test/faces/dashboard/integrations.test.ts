import { afterEach, describe, expect, it } from 'vitest';
import { runOnce } from '../../../src/faces/jobs/worker.ts';
import { addIntegration } from '../../../src/commands/integration/add.ts';
import { updateAccount } from '../../../src/commands/account/update.ts';
import { describeSlapd } from '../../harness/directories.ts';
import type { SlapdInstance } from '../../harness/slapd.ts';
import { dashboardHarness, integrationForm } from '../../support/dashboard.ts';
import { backends } from '../../support/databases.ts';
import { adInput } from '../../support/fixtures.ts';
import { useDatabase } from '../../support/suite.ts';
import { addLab, extraPeople, ownSlapd } from '../../support/sync.ts';
import { requestSync } from '../../../src/commands/sync/request.ts';

const SECRET = 'Tr0ub4dor&3-bind';
/** The help or error paragraph under a form field. */
const fieldHelp = (html: string, field: string) => new RegExp(`<(?:div|p) id="h-${field}"[^>]*>(.*?)</(?:div|p)>`, 's').exec(html)?.[1] ?? '';

describe.each(backends)('dashboard integration pages ($name)', (backend) => {
  const db = useDatabase(backend);

  async function asAdmin(timeZone?: string) {
    const h = await dashboardHarness(db.store);
    if (timeZone) await updateAccount({ ctx: h.as('admin'), input: { timeZone } });
    const b = await h.signedIn('admin');
    const find = (name: string) => db.store.integrations.findByName(h.account.id, name);
    return { ...h, b, find };
  }

  it('shows refused fields beside themselves with 400, keeps what was typed, and saves nothing', async () => {
    const { b, find } = await asAdmin();
    expect((await b.load('/integrations/new')).body).toContain('Add an integration');
    const typed = integrationForm({ name: 'docs', urls: 'https://dc1.corp.example', bindPassword: '', baseDns: 'OU=Docs/KB,DC=corp,DC=example', schedule: '61 * * * *' });
    const res = await b.post('/integrations', typed);
    expect(res.status).toBe(400);
    expect(res.body).toContain('Nothing was saved: 4 fields need fixing.');
    expect(fieldHelp(res.body, 'baseDns')).toContain('OU=Docs\\2FKB,DC=corp,DC=example');
    expect(fieldHelp(res.body, 'schedule')).toContain('Invalid value for minute: 61');
    expect(fieldHelp(res.body, 'urls')).toContain('must start with ldap:// or ldaps://');
    expect(fieldHelp(res.body, 'bindPassword')).toContain('an empty bind password is refused');
    expect(fieldHelp(res.body, 'name')).not.toContain('field-error');
    expect(res.body).toMatch(/id="f-baseDns"[^>]*aria-invalid="true"[^>]*>OU=Docs\/KB,DC=corp,DC=example<\/textarea>/);
    expect(res.body).toMatch(/id="f-urls"[^>]*>https:\/\/dc1\.corp\.example<\/textarea>/);
    expect(res.body).toMatch(/id="f-name"[^>]*value="docs"/);
    expect(res.body).toMatch(/id="f-schedule"[^>]*value="61 \* \* \* \*"/);
    expect(await find('docs')).toBeNull();
  });

  it('shows a filter nested 5,000 deep (as deep as a 64 KiB form allows) as an error beside its field (400, not 500)', async () => {
    const { b, find } = await asAdmin();
    const deep = `${'(|'.repeat(5000)}(cn=a)${')'.repeat(5000)}`;
    const res = await b.post('/integrations', integrationForm({ name: 'deep', userFilter: deep }));
    expect(res.status).toBe(400);
    expect(res.body).toContain('Nothing was saved: one field needs fixing.');
    expect(fieldHelp(res.body, 'userFilter')).toContain('the filter nests more than 64 levels deep');
    expect(await find('deep')).toBeNull();
  });

  it('refuses a name already taken with 409, then adds and opens the integration with a notice', async () => {
    const { b, as, account, find } = await asAdmin();
    await addIntegration({ ctx: as('admin'), input: adInput({ name: 'corp-ad' }) });
    const taken = await b.post('/integrations', integrationForm({ name: 'corp-ad', urls: 'ldaps://other.corp.example' }));
    expect(taken.status).toBe(409);
    expect(fieldHelp(taken.body, 'name')).toContain('corp-ad&quot; already exists: pick another name');
    expect(taken.body).toMatch(/id="f-urls"[^>]*>ldaps:\/\/other\.corp\.example<\/textarea>/);
    expect((await find('corp-ad'))!.urls).toEqual(['ldaps://dc1.corp.example:636']);

    const added = await b.post('/integrations', integrationForm({ name: 'hq', schedule: '30 7 * * 1-5' }));
    expect([added.status, added.location]).toEqual([303, '/integrations/hq']);
    expect(await find('hq')).toMatchObject({ schedule: '30 7 * * 1-5' });
    const audit = await db.store.audit.list({ accountId: account.id, action: 'integration.add', limit: 5 });
    expect(audit.map((a) => [a.actor, a.target, a.outcome])).toEqual([[`web:${b.login}`, 'hq', 'ok'], [`web:${b.login}`, 'corp-ad', 'conflict'], ['cli:admin-user', 'corp-ad', 'ok']]);
    const page = await b.get('/integrations/hq');
    expect(page.status).toBe(200);
    expect(page.body).toContain('hq was added. Test the connection, then sync.');
    expect((await b.get('/integrations/hq')).body).not.toContain('was added'); // shown once
  });

  it('never shows the bind password, only that it is set', async () => {
    const { b, as } = await asAdmin();
    await addIntegration({ ctx: as('admin'), input: adInput({ bindPassword: SECRET }) });
    const viewer = await (await dashboardHarness(db.store)).signedIn('viewer');
    for (const page of [await b.get('/integrations/corp-ad'), await b.get('/'), await viewer.get('/')]) {
      expect(page.body).not.toContain(SECRET);
      expect(page.body).not.toContain('Tr0ub4dor&amp;3');
      expect(page.body).not.toContain('v1:');
    }
    const page = await b.get('/integrations/corp-ad');
    expect(page.body).toContain('<dt>Bind password</dt><dd>set</dd>');
    expect(page.body).toContain('A password is set. Leave empty to keep it.');
    expect(page.body).toMatch(/id="f-bindPassword"(?![^>]*value=)[^>]*>/);
  });

  it('saves an edit and audits it; an invalid edit re-renders with its errors and changes nothing', async () => {
    const { b, as, account, find } = await asAdmin();
    await addIntegration({ ctx: as('admin'), input: adInput() });
    const saved = await b.post('/integrations/corp-ad/edit', integrationForm({ schedule: '15 6 * * *', bindPassword: '' }));
    expect([saved.status, saved.location]).toEqual([303, '/integrations/corp-ad']);
    expect((await b.get('/integrations/corp-ad')).body).toContain('Saved corp-ad: schedule changed.');
    const after = (await find('corp-ad'))!;
    expect(after.schedule).toBe('15 6 * * *');
    const [audit] = await db.store.audit.list({ accountId: account.id, action: 'integration.update', limit: 1 });
    expect(audit).toMatchObject({ actor: `web:${b.login}`, target: 'corp-ad', outcome: 'ok' });

    const bad = await b.post('/integrations/corp-ad/edit', integrationForm({ name: 'Corp AD', schedule: 'every day', bindDn: 'CN=svc/x,DC=corp,DC=example' }));
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Nothing was saved: 3 fields need fixing.');
    expect(fieldHelp(bad.body, 'schedule')).toContain('exactly five, six, or seven space separated parts are required');
    expect(fieldHelp(bad.body, 'bindDn')).toContain('CN=svc\\2Fx,DC=corp,DC=example');
    expect(fieldHelp(bad.body, 'name')).toContain('lower-case letters');
    expect(bad.body).toMatch(/id="f-schedule"[^>]*value="every day"/);
    const slow = await b.post('/integrations/corp-ad/edit', integrationForm({ connectTimeoutSeconds: 'soon' }));
    expect(slow.status).toBe(400);
    expect(fieldHelp(slow.body, 'connectTimeoutSeconds')).toContain('must be a number');
    expect(bad.body).toContain('<dd><code>15 6 * * *</code>'); // the stored configuration, unchanged
    expect(await find('corp-ad')).toEqual(after);
    expect(await find('corp ad')).toBeNull();
  });

  it('previews a schedule in the account zone, and explains a bad one with 400', async () => {
    const { b } = await asAdmin('Asia/Tokyo');
    const res = await b.get(`/api/preview-schedule?schedule=${encodeURIComponent('0 9 * * *')}`);
    expect(res.status).toBe(200);
    const preview = JSON.parse(res.body) as { timeZone: string; next: string[]; nextText: string[] };
    expect(preview.timeZone).toBe('Asia/Tokyo');
    expect(preview.next).toHaveLength(3);
    for (const at of preview.next) expect(at).toMatch(/T00:00:00\.000Z$/); // 09:00 in Tokyo
    expect(new Date(preview.next[0]!).getTime()).toBeGreaterThan(Date.now());
    expect(preview.nextText).toEqual(preview.next.map(() => expect.stringMatching(/09:00 GMT\+9$/)));
    expect((await b.load('/integrations/new')).body).toContain('Next runs (Asia/Tokyo):');

    const bad = await b.get(`/api/preview-schedule?schedule=${encodeURIComponent('0 9 * * 8')}`);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ error: { code: 'validation', issues: [{ field: 'schedule', message: expect.stringContaining('Invalid value for dayOfWeek: 8') }] } });
    expect((await b.get('/api/preview-schedule')).status).toBe(400);
  });

  it('checks a DN as it is typed and returns the corrected one', async () => {
    const { b } = await asAdmin();
    const check = async (field: string, value: string) => {
      const res = await b.get(`/api/check-dn?field=${field}&value=${encodeURIComponent(value)}`);
      return { status: res.status, json: JSON.parse(res.body) };
    };
    expect(await check('baseDns', 'OU=Staff,DC=corp,DC=example')).toEqual({ status: 200, json: { ok: true } });
    expect(await check('baseDns', 'OU=Staff,DC=corp\n\nOU=Docs/KB,DC=corp')).toMatchObject({ status: 400, json: { error: { code: 'validation', issues: [{ field: 'baseDns.1', fix: 'OU=Docs\\2FKB,DC=corp' }] } } });
    expect(await check('bindDn', 'CN=svc/x,DC=corp')).toMatchObject({ status: 400, json: { error: { issues: [{ field: 'bindDn', fix: 'CN=svc\\2Fx,DC=corp' }] } } });
    expect(await check('bindDn', 'svc@corp.example')).toEqual({ status: 200, json: { ok: true } });
  });

  describeSlapd('against a slapd of its own', () => {
    const servers: SlapdInstance[] = [];
    afterEach(async () => {
      await Promise.all(servers.splice(0).map((s) => s.stop()));
    });

    async function lab(extraLdif = '') {
      const dir = await ownSlapd(extraLdif);
      servers.push(dir.slapd);
      const h = await asAdmin();
      await addLab(h.as('admin'), dir.info);
      return { ...h, ...dir };
    }

    it('tests the connection and shows the staged result after the redirect', async () => {
      const { b } = await lab();
      expect((await b.get('/integrations/lab')).body).toContain('Never tested.');
      const res = await b.post('/integrations/lab/test');
      expect([res.status, res.location]).toEqual([303, '/integrations/lab#test-result']);
      const page = await b.get('/integrations/lab');
      expect(page.body).toContain('Connection test passed.');
      expect(page.body).toContain('<section aria-labelledby="test-title" id="test-result" data-ok="true">');
      const stages = [...page.body.matchAll(/data-stage="([a-z_]+)" data-status="([a-z]+)"/g)].map((m) => m[1]);
      expect(stages).toEqual(['dns', 'tcp', 'tls', 'bind', 'base_dn', 'search', 'attributes', 'encoding']);
      expect(page.body).not.toContain('data-status="fail"');
      expect(page.body).toContain(`by web:${b.login}`);
    });

    it('queues a sync, follows it on the page and streams its counts when it is done', async () => {
      const { b, as } = await lab();
      const res = await b.post('/integrations/lab/sync');
      expect(res.status).toBe(303);
      const id = Number(/^\/integrations\/lab\?run=(\d+)#sync$/.exec(res.location ?? '')?.[1]);
      expect(id).toBeGreaterThan(0);
      const page = await b.get(res.location!.replace('#sync', ''));
      expect(page.body).toContain(`Sync #${id} queued.`);
      expect(page.body).toContain(`data-run-events="/integrations/lab/runs/${id}/events"`);
      expect(page.body).toContain(`Sync #${id} is queued`);
      expect((await b.post('/integrations/lab/sync')).location).toBe(`/integrations/lab?run=${id}#sync`); // joins it

      await runOnce({ deps: as('admin'), owner: 'test-worker', leaseMs: 30_000 }, [id]);
      const run = (await db.store.runs.get(id))!;
      expect(run.status).toBe('succeeded');
      const events = await b.get(`/integrations/lab/runs/${id}/events`);
      expect(events.status).toBe(200);
      expect(events.headers.get('content-type')).toMatch(/text\/event-stream/);
      const done = /event: done\ndata: (.*)\n/.exec(events.body);
      expect(done).not.toBeNull();
      const data = JSON.parse(done![1]!) as { status: string; text: string; counts: unknown };
      expect(data.status).toBe('succeeded');
      expect(data.counts).toEqual(run.counts);
      const users = run.counts!.users;
      expect(users.added).toBeGreaterThan(0);
      expect(data.text).toMatch(new RegExp(`^Sync #${id} succeeded in .*: ${users.added} users \\(${users.added} added\\), \\d+ groups`));
      expect((await b.get(`/integrations/other/runs/${id}/events`)).body).toContain(`Run #${id} does not exist for this integration.`);
    });

    it('Preview runs a dry run and pages through what it found; nothing is applied', async () => {
      const { b, as, account } = await lab(extraPeople(60));
      expect((await b.get('/integrations/lab')).body).toMatch(/<input type="hidden" name="dryRun" value="yes"\/><button type="submit" class="secondary" data-busy="Reading…">Preview<\/button>/);
      const res = await b.post('/integrations/lab/sync', { dryRun: 'yes' });
      const id = Number(/^\/integrations\/lab\?run=(\d+)#sync$/.exec(res.location ?? '')?.[1]);
      const queued = await b.get(res.location!.replace('#sync', ''));
      expect(queued.body).toContain(`Dry run #${id} queued.`);
      expect(queued.body).toContain(`<a href="/runs/${id}/preview">See what it found</a>`);
      await runOnce({ deps: as('admin'), owner: 'test-worker', leaseMs: 30_000 }, [id]);
      expect((await db.store.runs.get(id))).toMatchObject({ status: 'succeeded', dryRun: true });
      expect((await db.store.integrations.findByName(account.id, 'lab'))!.state).toBe('enabled');
      expect(await db.store.sync.knownUsers((await db.store.integrations.findByName(account.id, 'lab'))!.id)).toBe(0);

      const first = await b.get(`/runs/${id}/preview`);
      expect(first.status).toBe(200);
      expect(first.body).toContain('Dry run: nothing was changed');
      const added = Number(/Users that would be added<\/strong> \(([\d,]+)\)/.exec(first.body)?.[1]?.replace(',', ''));
      expect(added).toBeGreaterThan(60);
      expect(first.body).toContain(`1–50 of ${added}`);
      expect(first.body).toContain(`href="/runs/${id}/preview?section=added&amp;offset=50"`);
      const second = await b.get(`/runs/${id}/preview?section=added&offset=50`);
      expect(second.body).toContain(`51–${added} of ${added}`);
      expect(second.body).toContain('<ol start="51">');
      expect(second.body).toContain(`href="/runs/${id}/preview?section=added&amp;offset=0">← Previous</a>`);
      expect(second.body).not.toContain('Next →');

      const real = await requestSync({ ctx: as('operator'), input: { name: 'lab' } });
      expect((await b.get(`/runs/${real.runs[0]!.run}/preview`)).status).toBe(409);
      expect((await b.get('/runs/999999/preview')).status).toBe(404);
    });
  });
});
