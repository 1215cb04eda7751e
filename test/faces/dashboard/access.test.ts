import { describe, expect, it } from 'vitest';
import { addIntegration } from '../../../src/commands/integration/add.ts';
import { disableIntegration } from '../../../src/commands/integration/disable.ts';
import { requestDelete } from '../../../src/commands/integration/request-delete.ts';
import type { Store } from '../../../src/core/ports.ts';
import type { Role } from '../../../src/core/roles.ts';
import { entriesFor } from '../../../src/commands/registry.ts';
import { COMMAND_ROUTES, type CommandRoute, type CommandRouteId } from '../../../src/faces/dashboard/command-routes.ts';
import { dashboardHarness, integrationForm, ORIGIN, postForms } from '../../support/dashboard.ts';
import { backends } from '../../support/databases.ts';
import { adInput } from '../../support/fixtures.ts';
import { useDatabase } from '../../support/suite.ts';

type World = Awaited<ReturnType<typeof worldOf>>;

/** The registry's dashboard entries and their routes (src/faces/dashboard/command-routes.ts). */
const ROUTED = entriesFor('dashboard')
  .filter((e) => !e.spec.header)
  .flatMap((e) => (COMMAND_ROUTES[e.id as CommandRouteId] as readonly CommandRoute[]).map((route) => ({ entry: e, route })));

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** A route's path for this world: `:name` is corp-ad (old-ldap, the disabled one, to enable), `:id` the open request. */
const fill = (path: string, id: string, w?: World) =>
  path.replace(':name', id === 'enable' ? 'old-ldap' : 'corp-ad').replace(':id', w ? String(w.approval) : ':id');
/** A page of PAGES (`:id` kept, since the request's id is known only once the world exists) for this world. */
/** A page's path in this world: the approval and the dry run it shows. */
const pageIn = (page: string, w: World) => page.replace(':id', String(w.approval)).replace(':run', String(w.dryRun));

/** Every page a person opens, and the role the registry says it needs (the highest of the commands it serves). */
const PAGES = [...new Set(ROUTED.filter((r) => r.route.method === 'GET').map((r) => fill(r.route.path, r.entry.id)))];
const PAGE_ROLE: Record<string, Role> = Object.fromEntries(
  PAGES.map((page) => [page, ROUTED.filter((r) => r.route.method === 'GET' && fill(r.route.path, r.entry.id) === page).map((r) => r.entry.minRole).reduce((a, b) => (RANK[b] > RANK[a] ? b : a), 'viewer' as Role)]),
);
/** A page's path in this world: `:run` is its finished dry run. */

/** Every GET that is not a page (JSON and the event stream): never a redirect. */
const apis = (w: World) => [
  `/api/preview-schedule?schedule=${encodeURIComponent('0 9 * * 1-5')}`,
  `/api/check-dn?field=bindDn&value=${encodeURIComponent('CN=svc,DC=corp,DC=example')}`,
  `/integrations/corp-ad/runs/${w.run}/events`,
];

/** The forms the commands that take one post. */
const FORMS: Record<string, Record<string, string>> = {
  'integrations add': integrationForm({ name: 'new-ad' }),
  'integrations update': integrationForm({ schedule: '15 6 * * *' }),
};

/**
 * Every POST that acts, from the registry: its path and the role the command needs. Rejecting
 * starts at operator because a requester may withdraw their own request; rejecting someone
 * else's needs an admin, which the command checks (and the operator case below asserts).
 */
const actions = (w: World): { path: string; role: Role; viewerNeeds?: Role; form?: Record<string, string> }[] => [
  ...ROUTED.filter((r) => r.route.method === 'POST').map(({ entry, route }) => ({
    path: fill(route.path, entry.id, w),
    role: entry.id === 'reject' ? 'admin' : entry.minRole,
    ...(entry.id === 'reject' && { viewerNeeds: entry.minRole }),
    ...(FORMS[entry.id] && { form: FORMS[entry.id] }),
  })),
  // Invalid input is judged after the role: a viewer learns it may not act, not what to fix.
  { path: '/integrations/corp-ad/edit', role: 'admin', form: integrationForm({ connectTimeoutSeconds: 'soon', schedule: 'every day' }) },
  { path: '/integrations', role: 'admin', form: integrationForm({ name: 'new-ad', operationTimeoutSeconds: 'x' }) },
];

/** What any action would change: integrations (state, settings), runs, tests, approvals, successful audit rows. */
async function stateOf(store: Store, accountId: string) {
  const integrations = await store.integrations.list(accountId);
  return {
    integrations,
    runs: await Promise.all(integrations.map(async (i) => (await store.runs.history(i.id, 50)).map((r) => [r.id, r.status]))),
    tests: await Promise.all(integrations.map((i) => store.tests.latest(i.id))),
    approvals: (await store.approvals.list(accountId, { limit: 50 })).map((a) => [a.id, a.status]),
    audit: (await store.audit.list({ accountId, limit: 500 })).filter((a) => a.outcome === 'ok' && !a.action.startsWith('web')).length,
  };
}

/** corp-ad (enabled, one finished run), old-ldap (disabled), and doomed, whose deletion cli:admin-user requested. */
async function worldOf(store: Store) {
  const h = await dashboardHarness(store);
  const admin = h.as('admin');
  for (const name of ['corp-ad', 'old-ldap', 'doomed']) await addIntegration({ ctx: admin, input: adInput({ name }) });
  await disableIntegration({ ctx: h.as('operator'), input: { name: 'old-ldap' } });
  const { request } = await requestDelete({ ctx: admin, input: { name: 'doomed' } });
  const corpAd = (await store.integrations.findByName(h.account.id, 'corp-ad'))!;
  const { run } = await store.runs.request({ accountId: h.account.id, integrationId: corpAd.id, trigger: 'manual', actor: 'cli:admin-user', now: new Date() });
  await store.runs.claim('test-worker', 30_000, [run.id]);
  const done = { status: 'succeeded', counts: null, destructive: null, blockedBy: null, approvalRequestId: null, duplicates: null, failure: null, certificate: null } as const;
  await store.runs.finish(run.id, 'test-worker', done);
  const dry = (await store.runs.request({ accountId: h.account.id, integrationId: corpAd.id, trigger: 'manual', actor: 'cli:admin-user', dryRun: true, now: new Date() })).run;
  await store.runs.claim('test-worker', 30_000, [dry.id]);
  await store.runs.finish(dry.id, 'test-worker', { ...done, preview: [] });
  return { ...h, approval: request.id, run: run.id, dryRun: dry.id, state: () => stateOf(store, h.account.id) };
}

describe.each(backends)('dashboard access to every route ($name)', (backend) => {
  const db = useDatabase(backend);
  const world = () => worldOf(db.store);

  it('sends anonymous page views to sign-in and back, and refuses everything else with 401', async () => {
    const w = await world();
    const b = w.browser();
    for (const path of [...PAGES.map((p) => pageIn(p, w)), '/audit?actor=web%3Aalice&before=9']) {
      const res = await b.get(path);
      expect([res.status, res.location], path).toEqual([303, `/login?next=${encodeURIComponent(path)}`]);
    }
    for (const path of apis(w)) {
      const res = await b.get(path);
      expect([res.status, res.body], path).toEqual([401, 'Sign in first: your session is missing or has expired.']);
    }
    const before = await w.state();
    for (const { path, form } of [...actions(w), { path: '/logout', form: {} }]) {
      const res = await b.request(path, { form: form ?? {}, headers: { origin: ORIGIN, 'sec-fetch-site': 'same-origin' } });
      expect(res.status, path).toBe(401);
    }
    const forged = w.browser();
    forged.cookies.set('dirsync_session', 'not-a-session');
    expect((await forged.post('/integrations/corp-ad/disable')).status).toBe(401);
    expect(forged.cookies.has('dirsync_session')).toBe(false);
    expect(await w.state()).toEqual(before);
  });

  it.each(['viewer', 'operator', 'admin'] as const)('a %s reads the pages its role allows, and only sees buttons it may use', async (role) => {
    const w = await world();
    const b = await w.signedIn(role);
    for (const page of PAGES) {
      const path = pageIn(page, w);
      const res = await b.get(path);
      const needs = PAGE_ROLE[page];
      if (needs && RANK[role] < RANK[needs]) {
        expect(res.status, path).toBe(403);
        expect(res.body, path).toContain(`needs the ${needs} role; web:${b.login} has ${role}`);
        expect(postForms(res.body), path).toEqual(['/logout']);
        continue;
      }
      expect(res.status, path).toBe(200);
      // The header says who dirsync thinks you are: whoami, a header command of the registry.
      expect(res.body, path).toMatch(new RegExp(`<div class="who"><span title="dirsync knows you as web:${b.login}\\.\\nYour role in account [^"]*: ${role} — [^"]*">${b.login} \\(${role}\\)</span>`));
      if (role === 'viewer') expect(postForms(res.body), path).toEqual(['/logout']);
    }
    for (const path of apis(w)) {
      const res = await b.get(path);
      expect(res.status, path).toBe(200);
      if (path.includes('/events')) expect(res.body, path).toContain('event: done');
    }
    const integration = postForms((await b.get('/integrations/corp-ad')).body);
    const overview = postForms((await b.get('/')).body);
    const approvals = postForms((await b.get('/approvals')).body);
    // Operators may request a deletion (a second admin approves it), so they get that button too.
    // Sync now and Preview (a dry run) post to the same route.
    const operatorButtons = ['/integrations/corp-ad/test', '/integrations/corp-ad/sync', '/integrations/corp-ad/sync', '/integrations/corp-ad/disable', '/integrations/corp-ad/delete'];
    if (role === 'operator') {
      expect(integration).toEqual(['/logout', ...operatorButtons]);
      expect(overview).toEqual(['/logout', '/sync-all']);
      expect(approvals).toEqual(['/logout']);
    }
    if (role === 'admin') {
      expect(integration).toEqual(['/logout', ...operatorButtons, '/integrations/corp-ad/edit']);
      expect(overview).toEqual(['/logout', '/sync-all']);
      expect(approvals).toEqual(['/logout', `/approvals/${w.approval}/approve`, `/approvals/${w.approval}/reject`]);
    }
  });

  it('refuses a viewer every action with a 403 page naming the role it needs, and changes nothing', async () => {
    const w = await world();
    const b = await w.signedIn('viewer');
    const before = await w.state();
    for (const { path, role, viewerNeeds, form } of actions(w)) {
      const res = await b.post(path, form);
      expect(res.status, path).toBe(403);
      expect(res.body, path).toContain(`needs the ${viewerNeeds ?? role} role`);
      expect(res.body, path).toContain(`web:${b.login} has viewer`);
      expect(res.body, path).toContain('Ask an admin for a role that allows this');
    }
    expect(await w.state()).toEqual(before);
    const [corpAd, doomed] = await Promise.all(['corp-ad', 'doomed'].map((n) => db.store.integrations.findByName(w.account.id, n)));
    expect([corpAd?.state, doomed?.state]).toEqual(['enabled', 'enabled']);
    expect(await db.store.approvals.get(w.account.id, w.approval)).toMatchObject({ status: 'pending' });
    expect(await db.store.integrations.findByName(w.account.id, 'new-ad')).toBeNull();
    // Every refusal is audited as the viewer.
    const refused = await db.store.audit.list({ accountId: w.account.id, actor: `web:${b.login}`, limit: 50 });
    expect(refused.filter((a) => a.outcome === 'forbidden')).toHaveLength(actions(w).length);
  });

  it('lets an operator test, sync, enable, disable and request a deletion, but not add, edit, approve or reject', async () => {
    const w = await world();
    const b = await w.signedIn('operator');
    const before = await w.state();
    for (const { path, role, form } of actions(w).filter((a) => a.role === 'admin')) {
      const res = await b.post(path, form);
      expect(res.status, path).toBe(403);
      expect(res.body, path).toContain(`needs the admin role`);
    }
    expect(await w.state()).toEqual(before);

    const test = await b.post('/integrations/corp-ad/test');
    expect([test.status, test.location]).toEqual([303, '/integrations/corp-ad#test-result']);
    const sync = await b.post('/integrations/corp-ad/sync');
    expect(sync.status).toBe(303);
    expect(sync.location).toMatch(/^\/integrations\/corp-ad\?run=\d+#sync$/);
    const enable = await b.post('/integrations/old-ldap/enable');
    const disable = await b.post('/integrations/corp-ad/disable');
    expect([enable.status, enable.location, disable.status, disable.location]).toEqual([303, '/integrations/old-ldap', 303, '/integrations/corp-ad']);
    const remove = await b.post('/integrations/old-ldap/delete');
    expect([remove.status, remove.location]).toEqual([303, '/approvals']);

    const corpAd = (await db.store.integrations.findByName(w.account.id, 'corp-ad'))!;
    expect(corpAd.state).toBe('disabled');
    expect((await db.store.integrations.findByName(w.account.id, 'old-ldap'))!.state).toBe('enabled');
    expect(await db.store.tests.latest(corpAd.id)).toMatchObject({ actor: `web:${b.login}` });
    const run = Number(/run=(\d+)/.exec(sync.location!)![1]);
    expect(await db.store.runs.get(run)).toMatchObject({ status: 'queued', actor: `web:${b.login}` });
    const pending = await db.store.approvals.list(w.account.id, { statuses: ['pending'], limit: 10 });
    expect(pending.map((a) => a.requestedBy).sort()).toEqual(['cli:admin-user', `web:${b.login}`]);
    expect((await b.get('/audit')).status).toBe(200);
  });

  it('refuses every POST of a signed-in admin without the token, with a wrong one, or from another site', async () => {
    const w = await world();
    const b = await w.signedIn('admin');
    const before = await w.state();
    const same = { origin: ORIGIN, 'sec-fetch-site': 'same-origin' };
    const variants: [string, Record<string, string>, Record<string, string>][] = [
      ['no token', {}, same],
      ['empty token', { _csrf: '' }, same],
      ['wrong token', { _csrf: `${b.csrf.slice(0, -1)}${b.csrf.endsWith('A') ? 'B' : 'A'}` }, same],
      ['another origin', { _csrf: b.csrf }, { origin: 'http://evil.example' }],
      ['cross-site fetch', { _csrf: b.csrf }, { 'sec-fetch-site': 'cross-site' }],
      ['cross-site, same Origin', { _csrf: b.csrf }, { origin: ORIGIN, 'sec-fetch-site': 'cross-site' }],
    ];
    for (const { path, form } of [...actions(w), { path: '/logout', form: {} }]) {
      for (const [label, token, headers] of variants) {
        const res = await b.request(path, { form: { ...form, ...token }, headers });
        expect(res.status, `${path}: ${label}`).toBe(403);
        expect(res.body, `${path}: ${label}`).toContain('CSRF check failed');
      }
    }
    expect(await w.state()).toEqual(before);
    expect((await b.get('/')).status).toBe(200); // still signed in: /logout was refused too
    const res = await b.post('/integrations/corp-ad/disable'); // the same request, from our page, works
    expect([res.status, res.location]).toEqual([303, '/integrations/corp-ad']);
  });
});
