import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cliAgainst } from '../../support/cli.ts';
import { backends } from '../../support/databases.ts';
import { useDatabase } from '../../support/suite.ts';
import { CLIENT, startGraphStandin, TENANT } from '../../support/standins/graph-standin.ts';
import { serviceAccount, startGoogleStandin } from '../../support/standins/google-standin.ts';

const USERS = [{ id: 'u1', displayName: 'Alice Archer', mail: 'alice@corp.example', proxyAddresses: ['SMTP:alice@corp.example'], accountEnabled: true }];

describe.each(backends)('dirsync with the API kinds (in-process, $name)', (backend) => {
  const db = useDatabase(backend);
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanup.splice(0).map((c) => c()));
  });
  async function file(name: string, text: string) {
    const dir = await mkdtemp(join(tmpdir(), 'dirsync-api-cli-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    await writeFile(join(dir, name), text);
    return join(dir, name);
  }

  it('entra_id: add with --client-secret-env, test, rotate the secret with update; the secret never printed', async () => {
    const graph = await startGraphStandin({ users: USERS, groups: [], secret: 'old-secret-value' });
    cleanup.push(graph.close);
    const { run } = await cliAgainst(db.store);
    const ca = await file('ca.pem', graph.caPem);
    const add = ['integrations', 'add', 'cloud', '--kind', 'entra_id', '--tenant-id', TENANT, '--client-id', CLIENT, '--client-secret-env', 'GRAPH_SECRET', '--graph-url', graph.graphUrl, '--login-url', graph.loginUrl, '--ca-file', ca];
    const added = await run(add, { env: { GRAPH_SECRET: 'old-secret-value' } });
    expect(added).toMatchObject({ code: 0 });
    const tested = await run(['test', 'cloud']);
    expect(tested.code).toBe(0);
    expect(tested.stdout).toMatch(/token[\s\S]*read[\s\S]*attributes/);
    graph.state.secret = 'new-secret-value';
    const failed = await run(['test', 'cloud', '--json']);
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.stdout).failure).toMatchObject({ class: 'credential', reason: 'invalid_client_secret', stage: 'token' });
    const updated = await run(['integrations', 'update', 'cloud', '--client-secret-env', 'GRAPH_SECRET', '--json'], { env: { GRAPH_SECRET: 'new-secret-value' } });
    expect(JSON.parse(updated.stdout).changed).toEqual(['clientSecret']);
    expect((await run(['test', 'cloud'])).code).toBe(0);
    for (const out of [added, tested, failed, updated]) expect(out.stdout + out.stderr).not.toMatch(/(old|new)-secret-value/);
  });

  it('entra_id without a credential, and LDAP flags on an API kind, are usage or input errors (exit 2)', async () => {
    const { run } = await cliAgainst(db.store);
    const none = await run(['integrations', 'add', 'cloud', '--kind', 'entra_id', '--tenant-id', TENANT, '--client-id', CLIENT]);
    expect(none).toMatchObject({ code: 2, stderr: expect.stringContaining('--client-secret-env VAR or --client-certificate-file PATH') });
    const ldap = await run(['integrations', 'add', 'cloud', '--kind', 'entra_id', '--tenant-id', TENANT, '--client-id', CLIENT, '--client-secret-env', 'S', '--base-dn', 'DC=corp,DC=example'], { env: { S: 'x-secret' } });
    expect(ldap).toMatchObject({ code: 2, stderr: expect.stringContaining('does not apply') });
  });

  it('google_workspace: the key file is read once; sync reads the directory', async () => {
    const account = serviceAccount();
    const google = await startGoogleStandin({ clientEmail: account.email, publicKeyPem: account.publicKeyPem, users: [{ id: '1', primaryEmail: 'alice@corp.example', name: { fullName: 'Alice Archer' } }] });
    cleanup.push(google.close);
    const { run } = await cliAgainst(db.store);
    const keyFile = await file('sa.json', account.keyFile);
    const added = await run(['integrations', 'add', 'gws', '--kind', 'google_workspace', '--customer-id', 'C03az79cb', '--admin-email', 'admin@corp.example', '--service-account-file', keyFile, '--google-api-url', google.apiUrl, '--google-token-url', google.tokenUrl, '--ca-file', await file('ca.pem', google.caPem)]);
    expect(added.code).toBe(0);
    await rm(keyFile); // dirsync kept what it needs, not the file
    const synced = await run(['sync', 'gws', '--json']);
    expect(synced.code).toBe(0);
    expect(added.stdout + synced.stdout).not.toContain('PRIVATE KEY');
  });
});
