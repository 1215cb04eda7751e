import { afterEach, describe, expect, it } from 'vitest';
import { addIntegration } from '../../../src/commands/integration/add.ts';
import { testIntegration } from '../../../src/commands/integration/test.ts';
import { USER_SELECT } from '../../../src/adapters/graph/graph-probe.ts';
import { secretContext } from '../../../src/core/integration.ts';
import { testAccount } from '../../support/context.ts';
import { backends } from '../../support/databases.ts';
import { failure } from '../../support/failure.ts';
import { useDatabase } from '../../support/suite.ts';
import { syncNow } from '../../support/sync.ts';
import { messageText } from '../../support/message-text.ts';
import { parseChat, runChatCommand } from '../../../src/faces/chat/run-chat-command.ts';
import { appCertificate, CLIENT, startGraphStandin, TENANT, type GraphState } from '../../support/standins/graph-standin.ts';

const SECRET = 'graph-secret-value';
const USERS = [
  { id: 'u1', displayName: 'Alice Archer', mail: 'alice@corp.example', proxyAddresses: ['SMTP:alice@corp.example', 'smtp:a.archer@corp.example', 'SIP:alice@corp.example'], userPrincipalName: 'alice@corp.example', accountEnabled: true },
  { id: 'u2', displayName: 'Bob Baker', mail: 'bob@corp.example', proxyAddresses: [], userPrincipalName: 'bob@corp.example', accountEnabled: false },
  { id: 'u3', displayName: 'Carol Cook', mail: null, proxyAddresses: [], userPrincipalName: 'carol@corp.example', accountEnabled: true },
];
const GROUPS = [
  { id: 'g1', displayName: 'Staff', members: ['u1', 'u2', 'u3', 'g2'] },
  { id: 'g2', displayName: 'Admins', members: ['u1'] },
];

describe.each(backends)('Entra ID through Microsoft Graph ($name)', (backend) => {
  const db = useDatabase(backend);
  const standins: { close: () => Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(standins.splice(0).map((s) => s.close()));
  });

  async function entra(state: Partial<GraphState> = {}, input: Record<string, unknown> = {}) {
    const graph = await startGraphStandin({ users: USERS, groups: GROUPS, ...state });
    standins.push(graph);
    const t = await testAccount(db.store);
    await addIntegration({
      ctx: t.as('admin'),
      input: { name: 'cloud', kind: 'entra_id', tenantId: TENANT, clientId: CLIENT, clientSecret: SECRET, graphUrl: graph.graphUrl, loginUrl: graph.loginUrl, caPem: graph.caPem, ...input },
    });
    const integration = (await db.store.integrations.findByName(t.account.id, 'cloud'))!;
    return { ...t, graph, integration };
  }

  it('adds with the secret sealed like a bind password, never shown or audited', async () => {
    const { as, account, integration, graph } = await entra();
    expect(integration).toMatchObject({ kind: 'entra_id', urls: [graph.graphUrl], baseDns: [], api: { kind: 'entra_id', tenantId: TENANT, clientId: CLIENT, credential: 'client_secret', graphUrl: graph.graphUrl } });
    expect(JSON.stringify(integration)).not.toContain(SECRET);
    await expect(as('admin').secrets.open(integration.bindPasswordSealed, secretContext(integration.id, 'bindPassword'))).resolves.toBe(SECRET);
    const [audit] = await db.store.audit.list({ accountId: account.id, limit: 1 });
    expect(audit).toMatchObject({ action: 'integration.add', outcome: 'ok' });
    expect(JSON.stringify(audit)).not.toContain(SECRET);
  });

  it('tests stage by stage: dns, tcp, tls, token, read, attributes; asks Graph for the selected fields only', async () => {
    const { as, graph } = await entra();
    const report = await testIntegration({ ctx: as('operator'), input: { name: 'cloud' } });
    expect(report.failure).toBeNull();
    expect(report.stages.map((s) => [s.name, s.status])).toEqual([['dns', 'pass'], ['tcp', 'pass'], ['tls', 'pass'], ['token', 'pass'], ['read', 'pass'], ['attributes', 'warn']]);
    expect(report.stages[5]!.detail).toMatch(/1 of 3/); // Carol has no mail
    expect(report.stages[3]!.detail).toContain(`application ${CLIENT} in tenant ${TENANT} (client secret)`);
    expect(report.stages[4]!.detail).toMatch(/^3 users read in 1 page; 2 groups/);
    const [token, users] = graph.calls;
    expect(token).toMatchObject({ method: 'POST', path: `/login/${TENANT}/oauth2/v2.0/token`, form: { grant_type: 'client_credentials', client_id: CLIENT, client_secret: SECRET, scope: `${graph.graphUrl}/.default` } });
    expect(users).toMatchObject({ path: '/graph/v1.0/users', query: { $select: USER_SELECT }, authorization: 'Bearer graph-token-1' });
    expect(JSON.stringify(report)).not.toContain(SECRET);
  });

  it('syncs users and memberships through @odata.nextLink pages (a disabled account counts as gone), then converges', async () => {
    const { as, graph } = await entra({ pageSize: 2 });
    const first = await syncNow(as('operator'), 'cloud');
    expect(first).toMatchObject({ status: 'succeeded', failure: null });
    // Bob (accountEnabled false) is not added; Staff holds Alice and Carol, Admins Alice; the nested group is no user.
    expect(first.counts).toMatchObject({ users: { added: 2 }, groups: { added: 2 }, memberships: { added: 3 } });
    const pages = graph.calls.filter((c) => c.path === '/graph/v1.0/users');
    expect(pages.map((c) => c.query.$skiptoken ?? null)).toEqual([null, '2']);
    const again = await syncNow(as('operator'), 'cloud');
    expect(again.counts!.users).toEqual({ added: 0, updated: 0, restored: 0, unchanged: 2 });
    expect(again.counts!.memberships.unchanged).toBe(3);
  });

  it('a token that expires during the read is renewed once, and the read goes on', async () => {
    const { as, graph } = await entra({ tokenCallsLeft: 1 });
    const run = await syncNow(as('operator'), 'cloud');
    expect(run).toMatchObject({ status: 'succeeded', failure: null });
    expect(graph.calls.filter((c) => c.path.endsWith('/token')).length).toBe(2);
  });

  it('waits as Retry-After says on 429 within the budget; beyond it the run fails as connection/throttled', async () => {
    const { as, graph } = await entra({ throttle: { count: 2, retryAfter: '0' } });
    expect((await testIntegration({ ctx: as('operator'), input: { name: 'cloud' } })).ok).toBe(true);
    expect(graph.calls.filter((c) => c.path === '/graph/v1.0/users').length).toBe(3);
    graph.state.throttle = { count: 1_000, retryAfter: '3600' };
    const run = await syncNow(as('operator'), 'cloud');
    expect(run.status).toBe('failed');
    expect(run.failure).toMatchObject({ class: 'connection', reason: 'throttled' });
  });

  it.each([
    [{ secret: 'another-secret' }, 'credential', 'invalid_client_secret', 'AADSTS7000215'],
    [{ secretExpired: true }, 'credential', 'client_secret_expired', 'AADSTS7000222'],
    [{ clientId: '11111111-2222-4333-8444-555555555555' }, 'configuration', 'application_not_found', 'AADSTS700016'],
    [{ tenantId: '99999999-2222-4333-8444-555555555555' }, 'configuration', 'tenant_not_found', 'AADSTS90002'],
  ] as const)('a refused token (%o) is %s/%s at the token stage, the raw error in the diagnostic', async (state, cls, reason, code) => {
    const { as, account } = await entra(state);
    const report = await testIntegration({ ctx: as('operator'), input: { name: 'cloud' } });
    expect(report.failure).toMatchObject({ class: cls, reason, stage: 'token' });
    expect(report.failure!.diagnostic).toContain(code);
    expect(report.failure!.checklist.length).toBeGreaterThan(1);
    expect(report.stages.slice(4).map((s) => s.status)).toEqual(['skipped', 'skipped']);
    expect(JSON.stringify(report)).not.toContain(SECRET);
    expect((await db.store.integrations.findByName(account.id, 'cloud'))!.state).toBe('error');
  });

  it('without admin consent the read fails as configuration/consent_missing', async () => {
    const { as } = await entra({ consent: false });
    const report = await testIntegration({ ctx: as('operator'), input: { name: 'cloud' } });
    expect(report.failure).toMatchObject({ class: 'configuration', reason: 'consent_missing', stage: 'read' });
    expect(report.failure!.diagnostic).toContain('Authorization_RequestDenied');
  });

  it('in chat, `test cloud` answers with the stage, class, reason and checklist like any kind', async () => {
    const { as } = await entra({ consent: false });
    const reply = await runChatCommand(as('operator', 'U1', 'slack'), parseChat('test cloud'));
    const text = messageText(reply.message);
    expect(text).toContain('consent_missing');
    expect(text).toContain('GroupMember.Read.All');
    expect(text).not.toContain(SECRET);
  });

  it('signs a certificate assertion instead of sending a secret; the key is sealed, not stored in clear', async () => {
    const cert = await appCertificate();
    const { as, graph, integration } = await entra({ secret: null, certificatePem: cert.certPem }, { clientSecret: undefined, clientCertificate: cert.pem });
    expect(integration).toMatchObject({ api: { credential: 'certificate' }, clientCertPem: cert.certPem.trim() });
    expect(JSON.stringify(integration)).not.toContain('PRIVATE KEY');
    const report = await testIntegration({ ctx: as('operator'), input: { name: 'cloud' } });
    expect(report.failure).toBeNull();
    expect(graph.calls[0]!.form).toMatchObject({ client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' });
    expect(graph.calls[0]!.form.client_secret).toBeUndefined();
  });

  it('refuses LDAP settings, a missing credential and a non-GUID tenant, naming each field; a non-admin is refused', async () => {
    const { as } = await testAccount(db.store);
    const error = await failure(addIntegration({ ctx: as('admin'), input: { name: 'x', kind: 'entra_id', tenantId: 'corp', clientId: CLIENT } }));
    expect(error.issues?.map((i) => i.field)).toEqual(['tenantId']);
    const more = await failure(addIntegration({ ctx: as('admin'), input: { name: 'x', kind: 'entra_id', tenantId: TENANT, clientId: CLIENT, urls: ['ldaps://dc1.corp.example'] } }));
    expect(more.issues?.map((i) => i.field).sort()).toEqual(['clientSecret', 'urls']);
    expect((await failure(addIntegration({ ctx: as('operator'), input: { name: 'x', kind: 'entra_id', tenantId: TENANT, clientId: CLIENT, clientSecret: SECRET } }))).code).toBe('forbidden');
  });
});
