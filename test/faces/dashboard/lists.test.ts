import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addIntegration } from '../../../src/commands/integration/add.ts';
import { disableIntegration } from '../../../src/commands/integration/disable.ts';
import type { AlertDetail } from '../../../src/core/alerts.ts';
import type { FailureClass, FailureReason } from '../../../src/core/failures.ts';
import { dashboardHarness, postForms } from '../../support/dashboard.ts';
import { backends } from '../../support/databases.ts';
import { adInput } from '../../support/fixtures.ts';
import { useDatabase } from '../../support/suite.ts';

/** The text of a page without its markup, entities decoded: what a person reads. */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\s+/g, ' ');
const cardOf = (html: string, attr: string, id: number | string) => new RegExp(`<article class="card" data-${attr}="${id}"[^>]*>(.*?)</article>`, 's').exec(html)?.[0] ?? '';

describe.each(backends)('dashboard lists: approvals, alerts, audit, overview ($name)', (backend) => {
  const db = useDatabase(backend);

  async function withIntegrations(...names: string[]) {
    const h = await dashboardHarness(db.store);
    for (const name of names) await addIntegration({ ctx: h.as('admin'), input: adInput({ name }) });
    const find = (name: string) => db.store.integrations.findByName(h.account.id, name);
    return { ...h, find };
  }

  it('four eyes: the requester cannot approve their own deletion; a second admin can', async () => {
    const h = await withIntegrations('doomed');
    const [ann, ben] = [await h.signedIn('admin', 'ann'), await h.signedIn('admin', 'ben')];
    const requested = await ann.post('/integrations/doomed/delete');
    expect([requested.status, requested.location]).toEqual([303, '/approvals']);
    const [request] = await db.store.approvals.list(h.account.id, { statuses: ['pending'], limit: 5 });
    expect(request).toMatchObject({ requestedBy: 'web:ann', kind: 'delete_integration' });
    const id = request!.id;

    const mine = await ann.get('/approvals');
    expect(mine.body).toContain(`Deletion of doomed requested as #${id}: another admin must approve it.`);
    expect(text(cardOf(mine.body, 'approval', id))).toContain(`#${id} · Delete integration doomed pending`);
    expect(mine.body).toContain('Another admin must approve your own request (four eyes).');
    expect(postForms(mine.body)).toEqual(['/logout', `/approvals/${id}/reject`]);
    expect(text(cardOf(mine.body, 'approval', id))).toContain('Withdraw');
    const own = await ann.post(`/approvals/${id}/approve`);
    expect(own.status).toBe(403);
    expect(text(own.body)).toContain(`four-eyes: #${id} was requested by web:ann; another admin must approve it`);
    expect(await db.store.approvals.get(h.account.id, id)).toMatchObject({ status: 'pending' });
    expect(await h.find('doomed')).not.toBeNull();

    expect(postForms((await ben.get('/approvals')).body)).toEqual(['/logout', `/approvals/${id}/approve`, `/approvals/${id}/reject`]);
    const approved = await ben.post(`/approvals/${id}/approve`);
    expect([approved.status, approved.location]).toEqual([303, '/approvals']);
    const after = await ben.get('/approvals');
    expect(after.body).toContain(`Request #${id} approved: doomed is deleted; its objects leave through the gate.`);
    expect(after.body).toContain('Nothing waits for approval.');
    expect(text(cardOf(after.body, 'approval', id))).toContain('Approved by web:ben');
    expect(postForms(after.body)).toEqual(['/logout']);
    expect(await h.find('doomed')).toBeNull();
    const gone = await ben.get('/integrations/doomed');
    expect(gone.status).toBe(404);
    expect(gone.body).toContain('doomed');
    const again = await ben.post(`/approvals/${id}/approve`);
    expect(again.status).toBe(409);
    expect(text(again.body)).toContain(`request #${id} is already approved by web:ben`);
  });

  it('a second admin rejects with a note; the requester withdraws their own request', async () => {
    const h = await withIntegrations('keep', 'other');
    const [ann, ben] = [await h.signedIn('admin', 'ann'), await h.signedIn('admin', 'ben')];
    await ann.post('/integrations/keep/delete');
    await ann.post('/integrations/other/delete');
    const [other, keep] = await db.store.approvals.list(h.account.id, { statuses: ['pending'], limit: 5 });
    expect([keep!.requestedBy, other!.requestedBy]).toEqual(['web:ann', 'web:ann']);

    const rejected = await ben.post(`/approvals/${keep!.id}/reject`, { note: 'still <needed> by HR' });
    expect([rejected.status, rejected.location]).toEqual([303, '/approvals']);
    expect((await ben.get('/approvals')).body).toContain(`Request #${keep!.id} (keep) rejected.`);
    const withdrawn = await ann.post(`/approvals/${other!.id}/reject`);
    expect([withdrawn.status, withdrawn.location]).toEqual([303, '/approvals']);
    const page = await ann.get('/approvals');
    expect(page.body).toContain(`Request #${other!.id} (other) cancelled.`);
    const keepCard = cardOf(page.body, 'approval', keep!.id);
    expect(keepCard).toContain('data-status="rejected"');
    expect(keepCard).toContain('Note: still &lt;needed&gt; by HR');
    expect(text(keepCard)).toContain('Rejected by web:ben');
    expect(cardOf(page.body, 'approval', other!.id)).toContain('data-status="cancelled"');
    expect(await h.find('keep')).not.toBeNull();
    expect(await h.find('other')).not.toBeNull();
    const operator = await h.signedIn('operator');
    await operator.post('/integrations/keep/delete');
    const [mine] = await db.store.approvals.list(h.account.id, { statuses: ['pending'], limit: 5 });
    expect((await ann.post(`/approvals/${mine!.id}/reject`)).status).toBe(303); // an admin rejects anyone's
    expect(await db.store.approvals.get(h.account.id, mine!.id)).toMatchObject({ status: 'rejected', decidedBy: 'web:ann' });
  });

  it('lists open and resolved alerts with what broke and what to check', async () => {
    const h = await withIntegrations('corp-ad', 'hq');
    const failure = (cls: FailureClass, reason: FailureReason, checklist: string[]): AlertDetail => ({
      kind: 'failure', run: 1, failure: { class: cls, reason, stage: 'bind', message: 'the bind was refused', diagnostic: '', checklist },
    });
    const [corpAd, hq] = [(await h.find('corp-ad'))!, (await h.find('hq'))!];
    const open = await db.store.alerts.insert({ accountId: h.account.id, integrationId: corpAd.id, kind: 'failure', class: 'credential', reason: 'invalid_credentials', detail: failure('credential', 'invalid_credentials', ['Check the bind password <in the vault>']), now: new Date() });
    const old = await db.store.alerts.insert({ accountId: h.account.id, integrationId: hq.id, kind: 'failure', class: 'connection', reason: 'connection_refused', detail: failure('connection', 'connection_refused', ['Check the firewall']), now: new Date() });
    await db.store.alerts.update(old.id, { status: 'resolved', resolvedAt: new Date(), resolution: 'sync #7 succeeded' });

    const b = await h.signedIn('viewer');
    expect((await b.get('/')).body).toContain('1 open alert');
    const page = await b.get('/alerts');
    expect(page.status).toBe(200);
    const [openPart, resolvedPart] = page.body.split('<h2>Resolved</h2>');
    const openCard = cardOf(openPart!, 'alert', open.id);
    expect(text(openCard)).toContain('corp-ad: credential failure (invalid_credentials)');
    expect(openCard).toContain('What to check');
    expect(openCard).toContain('<li>Check the bind password &lt;in the vault&gt;</li>');
    expect(openCard).toContain('href="/integrations/corp-ad"');
    const resolvedCard = cardOf(resolvedPart!, 'alert', old.id);
    expect(text(resolvedCard)).toContain('hq: connection failure (connection_refused) resolved');
    expect(resolvedCard).not.toContain('What to check');
    expect(text(resolvedCard)).toMatch(/Resolved \d+ \w+ \d{4}/);
    expect(cardOf(resolvedPart!, 'alert', open.id)).toBe('');
  });

  it("answers a bug in dirsync as dirsync's own fault, logged, without its details", async () => {
    const h = await withIntegrations('corp-ad');
    const corpAd = (await h.find('corp-ad'))!;
    // A stored alert this version cannot word: the page fails while it is drawn, after the command.
    await db.store.alerts.insert({ accountId: h.account.id, integrationId: corpAd.id, kind: 'failure', class: 'credential', reason: 'invalid_credentials', detail: { kind: 'from-the-future' } as never, now: new Date() });
    const page = await (await h.signedIn('viewer')).get('/alerts');
    expect(page.status).toBe(500);
    expect(JSON.parse(page.body)).toEqual({ error: { code: 'internal', message: 'GET /alerts failed unexpectedly; the error was logged' } });
    expect(h.deps.log.lines.filter((l) => l.msg === 'GET /alerts failed unexpectedly')).toHaveLength(1);
  });

  it('filters the audit log by integration, actor and action, and pages through it', async () => {
    const h = await withIntegrations();
    const at = Date.now() - 3_600_000;
    for (let n = 0; n < 60; n++) {
      await db.store.audit.record({ accountId: h.account.id, at: new Date(at + n * 1000), actor: 'slack:U1', action: 'sync.request', target: 'corp-ad', outcome: 'ok', detail: { n } });
    }
    for (let n = 0; n < 3; n++) {
      await db.store.audit.record({ accountId: h.account.id, at: new Date(at + n * 1000), actor: 'cli:bob', action: 'integration.disable', target: 'hq', outcome: 'forbidden', detail: { n: 100 + n } });
    }
    const b = await h.signedIn('operator');
    const rows = (html: string) => [...html.matchAll(/<tr><td>.*?<\/tr>/gs)].map((m) => m[0]);
    // The detail reads as fields ("n: 59"), not as JSON.
    const numbers = (html: string) => rows(html).map((r) => Number(/>n: <\/span>(\d+)</.exec(r)?.[1]));

    const first = await b.get('/audit?integration=corp-ad');
    expect(first.status).toBe(200);
    expect(numbers(first.body)).toEqual(Array.from({ length: 50 }, (_, i) => 59 - i));
    expect(first.body).toMatch(/id="a-integration" name="integration" value="corp-ad"/);
    const older = /<a href="([^"]+)">Older entries →<\/a>/.exec(first.body)?.[1];
    expect(older).toMatch(/^\/audit\?integration=corp-ad&amp;before=\d+$/);
    const second = await b.get(older!.replace(/&amp;/g, '&'));
    expect(numbers(second.body)).toEqual(Array.from({ length: 10 }, (_, i) => 9 - i));
    expect(second.body).not.toContain('Older entries');

    const byActor = await b.get('/audit?actor=cli%3Abob');
    expect(numbers(byActor.body)).toEqual([102, 101, 100]);
    expect(rows(byActor.body).every((r) => r.includes('<code>cli:bob</code>') && r.includes('forbidden'))).toBe(true);
    expect(byActor.body).toMatch(/name="actor" value="cli:bob"/);
    expect(numbers((await b.get('/audit?action=integration.disable&integration=hq')).body)).toEqual([102, 101, 100]);
    expect(numbers((await b.get('/audit?action=integration.disable&integration=corp-ad')).body)).toEqual([]);
    expect((await b.get('/audit?action=nothing.like.this')).body).toContain('No entries match.');
    const all = await b.get('/audit');
    expect(rows(all.body)).toHaveLength(50);
    expect(all.body).not.toContain('{&quot;');
    expect(text(all.body)).toContain(`web:${b.login} session.sign_in web:${b.login} ok`);
  });

  it('warns about a disabled integration that holds changes, escapes what people typed, and allows no inline script', async () => {
    const h = await withIntegrations('corp-ad', 'hq');
    await addIntegration({ ctx: h.as('admin'), input: adInput({ name: 'old-ldap', baseDns: ['OU=\\<script\\>alert(1)\\<\\2Fscript\\>,DC=corp'] }) });
    await disableIntegration({ ctx: h.as('operator'), input: { name: 'old-ldap', reason: '<script>alert("reason")</script> retired' } });
    for (const [name, count] of [['corp-ad', 3], ['hq', 2]] as const) {
      await db.database.db.execute(sql`
        insert into pending_changes (account_id, integration_id, kind, user_id, status, blocked_by, created_at, updated_at, held_since)
        select ${h.account.id}::uuid, ${(await h.find(name))!.id}::uuid, 'delete_user', (random() * 1e12)::bigint, 'held'::change_status,
          ${sql.param(['old-ldap'])}::text[], now(), now(), now()
        from generate_series(1, ${count}) g`);
    }
    const b = await h.signedIn('viewer');
    const res = await b.get('/');
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/style-src 'self'(;|$)/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    const banner = /<p class="banner" role="alert" data-blocking="old-ldap">(.*?)<\/p>/s.exec(res.body)?.[1] ?? '';
    expect(text(banner)).toMatch(/^ old-ldap has been disabled for (less than a minute|1 minute) and is blocking 5 destructive changes in 2 integrations \. Destructive changes wait/);
    expect(banner).toContain('href="/integrations/old-ldap"');
    expect(text(cardOf(res.body, 'integration', 'corp-ad'))).toContain('Held changes 3 held by old-ldap');
    expect(text(cardOf(res.body, 'integration', 'hq'))).toContain('Held changes 2 held by old-ldap');
    for (const page of [res, await b.get('/integrations/old-ldap')]) {
      expect(page.body.match(/<script[^>]*>/g)).toEqual(['<script src="/assets/app.js" defer="">']);
      expect(page.body).not.toMatch(/<script>alert/);
      expect(page.body).not.toMatch(/\son[a-z]+="/); // no inline event handlers
    }
    expect(res.body).toContain('&lt;script&gt;alert(&quot;reason&quot;)&lt;/script&gt; retired');
    expect((await b.get('/integrations/old-ldap')).body).toContain('OU=\\&lt;script\\&gt;alert(1)\\&lt;\\2Fscript\\&gt;,DC=corp');
  });

  it('an approval page names every user a request touches, with display name and DN, 100 a page', async () => {
    const h = await withIntegrations('doomed');
    const doomed = (await h.find('doomed'))!;
    await db.database.db.execute(sql`
      insert into directory_users (account_id, integration_id, external_id, dn, display_name, primary_email, address_type, status, first_seen_at, last_seen_at, updated_at)
      select ${h.account.id}::uuid, ${doomed.id}::uuid, 'u' || i, 'CN=User ' || lpad(i::text, 3, '0') || ',OU=<Staff>,DC=corp', 'User ' || lpad(i::text, 3, '0'), null, 'directory', 'active', now(), now(), now()
      from generate_series(1, 150) i`);
    const [ann, viewer] = [await h.signedIn('admin', 'ann'), await h.signedIn('viewer', 'val')];
    await ann.post('/integrations/doomed/delete');
    const [request] = await db.store.approvals.list(h.account.id, { statuses: ['pending'], limit: 5 });
    const id = request!.id;
    expect((await ann.get('/approvals')).body).toContain(`href="/approvals/${id}"`);

    const first = await viewer.get(`/approvals/${id}`);
    expect(first.status).toBe(200);
    const firstText = text(first.body);
    expect(firstText).toContain('Who it touches: 150 changes');
    expect(firstText).toContain('User 001 CN=User 001,OU=<Staff>,DC=corp address type becomes message in transit');
    expect(firstText).toContain('User 100');
    expect(firstText).not.toContain('User 101');
    expect(firstText).toContain('Page 1 of 2');
    expect(first.body).toContain('&lt;Staff&gt;');
    const second = text((await viewer.get(`/approvals/${id}?page=2`)).body);
    expect(second).toContain('User 150');
    expect(second).not.toContain('User 100 ');
    expect(second).toContain('← Previous');
    expect((await viewer.get('/approvals/999999')).status).toBe(404);
  });
});
