import { afterEach, describe, expect, it } from 'vitest';
import { addIntegration } from '../../../src/commands/integration/add.ts';
import { testIntegration } from '../../../src/commands/integration/test.ts';
import { testAccount } from '../../support/context.ts';
import { backends } from '../../support/databases.ts';
import { failure } from '../../support/failure.ts';
import { useDatabase } from '../../support/suite.ts';
import { syncNow } from '../../support/sync.ts';
import { SCOPES, serviceAccount, startGoogleStandin, type GoogleState } from '../../support/standins/google-standin.ts';

const USERS = [
  { id: '101', primaryEmail: 'alice@corp.example', aliases: ['a.archer@corp.example'], name: { fullName: 'Alice Archer' } },
  { id: '102', primaryEmail: 'bob@corp.example', name: { fullName: 'Bob Baker' }, suspended: true },
  { id: '103', primaryEmail: 'carol@corp.example', name: { fullName: 'Carol Cook' } },
];
const GROUPS = [
  { id: 'g1', email: 'staff@corp.example', name: 'Staff', members: [{ id: '101', type: 'USER' as const }, { id: '103', type: 'USER' as const }, { id: 'g2', type: 'GROUP' as const }] },
  { id: 'g2', email: 'admins@corp.example', name: 'Admins', members: [{ id: '101', type: 'USER' as const }] },
];

describe.each(backends)('Google Workspace through the Directory API ($name)', (backend) => {
  const db = useDatabase(backend);
  const standins: { close: () => Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(standins.splice(0).map((s) => s.close()));
  });

  async function workspace(state: Partial<GoogleState> = {}, keyFile?: string) {
    const account = serviceAccount();
    const google = await startGoogleStandin({ clientEmail: account.email, publicKeyPem: account.publicKeyPem, users: USERS, groups: GROUPS, ...state });
    standins.push(google);
    const t = await testAccount(db.store);
    await addIntegration({
      ctx: t.as('admin'),
      input: { name: 'gws', kind: 'google_workspace', customerId: 'C03az79cb', adminEmail: 'admin@corp.example', serviceAccount: keyFile ?? account.keyFile, googleApiUrl: google.apiUrl, googleTokenUrl: google.tokenUrl, caPem: google.caPem },
    });
    const integration = (await db.store.integrations.findByName(t.account.id, 'gws'))!;
    return { ...t, google, integration, account };
  }

  it('keeps only the key, sealed; the test signs a delegated JWT and reads users and groups', async () => {
    const { as, google, integration, account } = await workspace();
    const key = JSON.parse(account.keyFile).private_key as string;
    expect(integration).toMatchObject({ kind: 'google_workspace', bindDn: account.email, api: { customerId: 'C03az79cb', adminEmail: 'admin@corp.example', clientEmail: account.email, privateKeyId: 'key-1' } });
    expect(JSON.stringify(integration)).not.toContain(key.slice(40, 80));
    const report = await testIntegration({ ctx: as('operator'), input: { name: 'gws' } });
    expect(report.failure).toBeNull();
    expect(report.stages.map((s) => s.name)).toEqual(['dns', 'tcp', 'tls', 'token', 'read', 'attributes']);
    expect(report.stages[3]!.detail).toContain(`${account.email} acting for admin@corp.example`);
    const [token, users] = google.calls;
    expect(token).toMatchObject({ path: '/token', form: { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer' } });
    const claims = JSON.parse(Buffer.from(token!.form.assertion!.split('.')[1]!, 'base64url').toString());
    expect(claims).toMatchObject({ iss: account.email, sub: 'admin@corp.example', aud: google.tokenUrl, scope: SCOPES.join(' ') });
    expect(users).toMatchObject({ path: '/api/admin/directory/v1/users', query: { customer: 'C03az79cb' } });
  });

  it('syncs through pageToken pages: aliases as addresses, suspended users gone, members; converges', async () => {
    const { as, google, integration } = await workspace({ pageSize: 2 });
    const first = await syncNow(as('operator'), 'gws');
    expect(first).toMatchObject({ status: 'succeeded', failure: null });
    expect(first.counts).toMatchObject({ users: { added: 2 }, groups: { added: 2 }, memberships: { added: 3 } });
    expect(await db.store.sync.knownUsers(integration.id)).toBe(2);
    expect(google.calls.filter((c) => c.path === '/api/admin/directory/v1/users').map((c) => c.query.pageToken ?? null)).toEqual([null, '2']);
    expect(google.calls.some((c) => c.path === '/api/admin/directory/v1/groups/g1/members')).toBe(true);
    const again = await syncNow(as('operator'), 'gws');
    expect(again.counts!.users).toEqual({ added: 0, updated: 0, restored: 0, unchanged: 2 });
  });

  it('without domain-wide delegation the token is refused: configuration/consent_missing', async () => {
    const { as } = await workspace({ delegated: false });
    const report = await testIntegration({ ctx: as('operator'), input: { name: 'gws' } });
    expect(report.failure).toMatchObject({ class: 'configuration', reason: 'consent_missing', stage: 'token' });
    expect(report.failure!.diagnostic).toContain('unauthorized_client');
  });

  it('a key Google does not know (deleted, replaced) is credential/invalid_service_account_key', async () => {
    const { as } = await workspace({}, serviceAccount().keyFile);
    const report = await testIntegration({ ctx: as('operator'), input: { name: 'gws' } });
    expect(report.failure).toMatchObject({ class: 'credential', reason: 'invalid_service_account_key', stage: 'token' });
    expect(report.failure!.diagnostic).toContain('invalid_grant');
  });

  it('refuses a file that is not a service-account key, and a non-admin', async () => {
    const { as } = await testAccount(db.store);
    const input = { name: 'x', kind: 'google_workspace' as const, customerId: 'C03az79cb', adminEmail: 'admin@corp.example', serviceAccount: '{"type":"authorized_user"}' };
    expect((await failure(addIntegration({ ctx: as('admin'), input }))).issues).toEqual([expect.objectContaining({ field: 'serviceAccount', message: expect.stringContaining('not a service-account key') })]);
    expect((await failure(addIntegration({ ctx: as('operator'), input: { ...input, serviceAccount: serviceAccount().keyFile } }))).code).toBe('forbidden');
  });
});
