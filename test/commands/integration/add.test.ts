import { describe, expect, it } from 'vitest';
import { addIntegration } from '../../../src/commands/integration/add.ts';
import { listIntegrations } from '../../../src/commands/integration/list.ts';
import type { CommandError } from '../../../src/core/errors.ts';
import { secretContext } from '../../../src/core/integration.ts';
import { backends } from '../../support/databases.ts';
import { testAccount } from '../../support/context.ts';
import { adInput } from '../../support/fixtures.ts';
import { failure } from '../../support/failure.ts';
import { useDatabase } from '../../support/suite.ts';


describe.each(backends)('addIntegration ($name)', (backend) => {
  const db = useDatabase(backend);

  it('adds an integration with the kind defaults, a sealed password and an audit row', async () => {
    const { as, account } = await testAccount(db.store);
    const ctx = as('admin');
    const view = await addIntegration({ ctx, input: adInput() });
    expect(view).toMatchObject({
      name: 'corp-ad',
      kind: 'active_directory',
      tlsMode: 'ldaps',
      state: 'enabled',
      schedule: '0 8,13,23 * * *',
      userFilter: '(&(objectCategory=person)(objectClass=user))',
      attributes: { uniqueId: 'objectGUID', mail: 'mail', proxyAddresses: 'proxyAddresses' },
      bindPasswordSet: true,
      warnings: [],
    });
    expect(JSON.stringify(view)).not.toContain('Tr0ub4dor');
    const stored = await db.store.integrations.findByName(account.id, 'corp-ad');
    expect(stored!.bindPasswordSealed).not.toContain('Tr0ub4dor');
    await expect(ctx.secrets.open(stored!.bindPasswordSealed, secretContext(stored!.id, 'bindPassword'))).resolves.toBe('Tr0ub4dor&3-bind');
    const [audit] = await db.store.audit.list({ accountId: account.id, limit: 5 });
    expect(audit).toMatchObject({ action: 'integration.add', target: 'corp-ad', outcome: 'ok', actor: 'cli:admin-user' });
    expect(JSON.stringify(audit)).not.toContain('Tr0ub4dor');
  });

  it('derives StartTLS for ldap:// and warns when TLS is turned off', async () => {
    const { as } = await testAccount(db.store);
    const starttls = await addIntegration({ ctx: as('admin'), input: adInput({ name: 'a', urls: ['ldap://dc1.corp.example'] }) });
    expect(starttls.tlsMode).toBe('starttls');
    const plain = await addIntegration({ ctx: as('admin'), input: adInput({ name: 'b', urls: ['ldap://dc1.corp.example'], tlsMode: 'none' }) });
    expect(plain.warnings.join()).toMatch(/password crosses the network in clear/);
  });

  it('rejects a DN with an unescaped "/" with the corrected DN, and writes nothing', async () => {
    const { as, account } = await testAccount(db.store);
    const ctx = as('admin');
    const error = await failure(addIntegration({ ctx, input: adInput({ bindDn: 'CN=svc,OU=Docs/KB,DC=corp,DC=example' }) }));
    expect(error.code).toBe('validation');
    expect(error.issues).toEqual([
      expect.objectContaining({ field: 'bindDn', fix: 'CN=svc,OU=Docs\\2FKB,DC=corp,DC=example', message: expect.stringContaining('\\2F') }),
    ]);
    expect(await listIntegrations({ ctx, input: {} })).toEqual([]);
    const [audit] = await db.store.audit.list({ accountId: account.id, limit: 1 });
    expect(audit).toMatchObject({ action: 'integration.add', outcome: 'validation', detail: { fields: ['bindDn'] } });
  });

  it('reports every bad field at once: URL scheme, cron, filter, empty password, base DN', async () => {
    const { as } = await testAccount(db.store);
    const error = await failure(
      addIntegration({
        ctx: as('admin'),
        input: adInput({
          urls: ['https://dc1.corp.example'],
          schedule: '61 * * * *',
          userFilter: '(cn=a(b)',
          bindPassword: '',
          baseDns: ['OU=Staff,DC=corp,DC=example', 'OU=a=b,DC=x'],
        }),
      }),
    );
    expect(error.issues.map((i) => i.field).sort()).toEqual(['baseDns.1', 'bindPassword', 'schedule', 'urls.0', 'userFilter']);
    const byField = Object.fromEntries(error.issues.map((i) => [i.field, i]));
    expect(byField['bindPassword']!.message).toMatch(/anonymous bind/);
    expect(byField['urls.0']!.message).toMatch(/ldap:\/\/ or ldaps:\/\//);
    expect(byField['baseDns.1']!.fix).toBe('OU=a\\3Db,DC=x');
  });

  it('rejects credentials in the URL and a TLS mode that contradicts the scheme', async () => {
    const { as } = await testAccount(db.store);
    const creds = await failure(addIntegration({ ctx: as('admin'), input: adInput({ urls: ['ldaps://svc:pw@dc1.corp.example'] }) }));
    expect(creds.issues[0]).toMatchObject({ field: 'urls.0', fix: 'ldaps://dc1.corp.example' });
    const mode = await failure(addIntegration({ ctx: as('admin'), input: adInput({ tlsMode: 'starttls' }) }));
    expect(mode.issues[0]).toMatchObject({ field: 'tlsMode', fix: 'ldaps' });
  });

  it('takes an empty proxyAddresses mapping as "this directory has none"; no other mapping may be empty', async () => {
    const { as } = await testAccount(db.store);
    const view = await addIntegration({ ctx: as('admin'), input: adInput({ attributes: { proxyAddresses: '' } }) });
    expect(view.attributes).toMatchObject({ mail: 'mail', proxyAddresses: '' });
    const noMail = await failure(addIntegration({ ctx: as('admin'), input: adInput({ name: 'no-mail', attributes: { mail: '' } }) }));
    expect(noMail.issues[0]).toMatchObject({ field: 'attributes.mail', message: expect.stringContaining('only proxyAddresses may be empty') });
  });

  it('rejects a CA file that holds no certificate', async () => {
    const { as } = await testAccount(db.store);
    const error = await failure(addIntegration({ ctx: as('admin'), input: adInput({ caPem: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----' }) }));
    expect(error.issues[0]).toMatchObject({ field: 'caPem', message: 'this is a private key, not a certificate' });
  });

  it('refuses a duplicate name in the same account, also when two adds race', async () => {
    const { as } = await testAccount(db.store);
    await addIntegration({ ctx: as('admin'), input: adInput() });
    expect((await failure(addIntegration({ ctx: as('admin'), input: adInput() }))).code).toBe('conflict');
    const race = await Promise.allSettled([1, 2, 3].map(() => addIntegration({ ctx: as('admin'), input: adInput({ name: 'raced' }) })));
    expect(race.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of race.filter((r) => r.status === 'rejected')) expect((r.reason as CommandError).code).toBe('conflict');
    // Another account may use the same name.
    const other = await testAccount(db.store);
    await expect(addIntegration({ ctx: other.as('admin'), input: adInput() })).resolves.toMatchObject({ name: 'corp-ad' });
  });

  it.each(['operator', 'viewer'] as const)('forbids a %s, and audits the attempt', async (role) => {
    const { as, account } = await testAccount(db.store);
    const error = await failure(addIntegration({ ctx: as(role), input: adInput() }));
    expect(error.code).toBe('forbidden');
    expect(error.message).toMatch(/needs the admin role/);
    expect(await db.store.integrations.list(account.id)).toEqual([]);
    const [audit] = await db.store.audit.list({ accountId: account.id, limit: 1 });
    expect(audit).toMatchObject({ action: 'integration.add', outcome: 'forbidden', actor: `cli:${role}-user` });
  });
});
