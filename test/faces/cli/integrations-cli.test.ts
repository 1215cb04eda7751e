import { describe, expect, it } from 'vitest';
import { AD_ARGS, cliAgainst } from '../../support/cli.ts';
import { backends } from '../../support/databases.ts';
import { useDatabase } from '../../support/suite.ts';

const PASSWORD = 'Correct-Horse-9!';

describe.each(backends)('dirsync integrations (in-process, $name)', (backend) => {
  const db = useDatabase(backend);

  it('adds with --password-env, prints JSON with stable camelCase keys and never the password', async () => {
    const { run } = await cliAgainst(db.store);
    const added = await run([...AD_ARGS, '--password-env', 'BIND_PW', '--json'], { env: { BIND_PW: PASSWORD } });
    expect(added.code).toBe(0);
    const view = JSON.parse(added.stdout);
    expect(Object.keys(view)).toEqual([
      'id', 'name', 'kind', 'urls', 'tlsMode', 'bindDn', 'bindPasswordSet', 'baseDns', 'userFilter', 'groupFilter', 'attributes',
      'schedule', 'deltaSchedule', 'connectTimeoutMs', 'operationTimeoutMs', 'acknowledgeDisabled', 'state', 'stateChangedAt', 'stateReason', 'caCertificates', 'clientCertificate',
      'warnings', 'createdAt', 'updatedAt',
    ]);
    expect(view).toMatchObject({ name: 'corp-ad', bindPasswordSet: true });
    const listed = await run(['list', '--json']);
    const shown = await run(['integrations', 'show', 'corp-ad']);
    for (const out of [added, listed, shown]) expect(out.stdout + out.stderr).not.toContain(PASSWORD);
    expect(JSON.parse(listed.stdout).map((i: { name: string }) => i.name)).toEqual(['corp-ad']);
    expect(shown.stdout).toMatch(/bind password\s+set/);
  });

  it('reads the password from stdin without its trailing newline', async () => {
    const { run, deps, account } = await cliAgainst(db.store);
    expect((await run([...AD_ARGS, '--password-stdin'], { stdin: `${PASSWORD}\n` })).code).toBe(0);
    const row = (await deps.store.integrations.findByName(account.id, 'corp-ad'))!;
    await expect(deps.secrets.open(row.bindPasswordSealed, `integration:${row.id}:bindPassword`)).resolves.toBe(PASSWORD);
  });

  it('exits 2 on a bad DN naming --bind-dn and the corrected DN, and adds nothing', async () => {
    const { run } = await cliAgainst(db.store);
    const args = AD_ARGS.map((a) => (a.startsWith('CN=svc') ? 'CN=svc,OU=Docs/KB,DC=corp,DC=example' : a));
    const result = await run([...args, '--password-env', 'P'], { env: { P: PASSWORD } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--bind-dn');
    expect(result.stderr).toContain('CN=svc,OU=Docs\\2FKB,DC=corp,DC=example');
    expect(JSON.parse((await run(['integrations', 'list', '--json'])).stdout)).toEqual([]);
  });

  it('exits 2 on a bad URL and cron, naming each option, also as JSON', async () => {
    const { run } = await cliAgainst(db.store);
    const args = AD_ARGS.map((a) => (a === 'ldaps://dc1.corp.example' ? 'https://dc1.corp.example' : a));
    const result = await run([...args, '--password-env', 'P', '--schedule', '0 0 * *', '--json'], { env: { P: PASSWORD } });
    expect(result.code).toBe(2);
    const { error } = JSON.parse(result.stdout);
    expect(error.code).toBe('validation');
    expect(error.issues.map((i: { option: string }) => i.option).sort()).toEqual(['--schedule', '--url (1st)']);
  });

  it('refuses a password given as an argument without echoing it', async () => {
    const { run } = await cliAgainst(db.store);
    const result = await run([...AD_ARGS, '--password', PASSWORD]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not accepted as arguments.*--password-env/s);
    expect(result.stdout + result.stderr).not.toContain(PASSWORD);
  });

  it('exits 2 naming --user-filter for a filter nested 9,000 deep, and adds nothing', async () => {
    const { run } = await cliAgainst(db.store);
    const deep = `${'(&'.repeat(9000)}(cn=a)${')'.repeat(9000)}`;
    const result = await run([...AD_ARGS, '--password-env', 'P', '--user-filter', deep], { env: { P: PASSWORD } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--user-filter: the filter nests more than 64 levels deep/);
    expect(result.stderr).not.toMatch(/unexpectedly/);
    expect(JSON.parse((await run(['integrations', 'list', '--json'])).stdout)).toEqual([]);
  });

  it('refuses an empty password explaining the anonymous-bind trap', async () => {
    const { run } = await cliAgainst(db.store);
    const result = await run([...AD_ARGS, '--password-env', 'EMPTY'], { env: { EMPTY: '' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/anonymous bind that succeeds/);
  });

  it.each([
    [['integrations', 'add', 'x'], /missing --kind, --url, --bind-dn, --password-env or --password-stdin, --base-dn/],
    [[...AD_ARGS, '--password-env', 'NOT_SET'], /environment variable NOT_SET is not set/],
    [[...AD_ARGS, '--password-env', 'P', '--ca-file', '/nonexistent/ca.pem'], /--ca-file: cannot read \/nonexistent\/ca.pem: no such file/],
    [[...AD_ARGS, '--password-env', 'P', '--attr', 'mail'], /must be KEY=ATTRIBUTE/],
    [[...AD_ARGS, '--password-env', 'P', '--bogus'], /Unknown option '--bogus'/],
    [['integrations', 'frobnicate'], /unknown sub-command "integrations frobnicate"/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['show'], /missing <name>/],
    [['show', 'a', 'b'], /unexpected argument "b"/],
  ])('usage error %# exits 2', async (argv, message) => {
    const { run } = await cliAgainst(db.store);
    const result = await run(argv, { env: { P: PASSWORD } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('exits 2 for an unknown integration with a suggestion, and 2 for a duplicate', async () => {
    const { run } = await cliAgainst(db.store);
    await run([...AD_ARGS, '--password-env', 'P'], { env: { P: PASSWORD } });
    const missing = await run(['show', 'corp-da']);
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.stderr).toMatch(/does not exist\. Did you mean corp-ad\?/);
    const duplicate = await run([...AD_ARGS, '--password-env', 'P'], { env: { P: PASSWORD } });
    expect(duplicate.code).toBe(2);
    expect(duplicate.stderr).toMatch(/already exists/);
  });

  it('update changes what is given; disable and enable via short forms; audit shows the actor', async () => {
    const { run } = await cliAgainst(db.store);
    await run([...AD_ARGS, '--password-env', 'P'], { env: { P: PASSWORD } });
    const updated = await run(['integrations', 'update', 'corp-ad', '--schedule', '15 7 * * *', '--attr', 'displayName=cn']);
    expect(updated).toMatchObject({ code: 0 });
    expect(updated.stdout).toMatch(/Updated corp-ad: .*schedule/);
    const disabled = await run(['disable', 'corp-ad', '--reason', 'DC swap'], { user: 'alice' });
    expect(disabled.stdout).toMatch(/corp-ad disabled \(was enabled\)\.\nWhile it is disabled, destructive changes of every integration in this account are held/);
    expect((await run(['disable', 'corp-ad'])).stdout).toMatch(/nothing to do, it is already disabled/);
    expect((await run(['enable', 'corp-ad', '--json'])).stdout).toContain('"changed": true');
    const audit = JSON.parse((await run(['audit', '--integration', 'corp-ad', '--json'])).stdout);
    expect(audit.map((a: { action: string; actor: string }) => `${a.actor} ${a.action}`)).toEqual([
      'cli:tester integration.enable',
      'cli:tester integration.disable',
      'cli:alice integration.disable',
      'cli:tester integration.update',
      'cli:tester integration.add',
    ]);
  });

  it('account show and update', async () => {
    const { run } = await cliAgainst(db.store);
    expect((await run(['account', 'update', '--time-zone', 'Europe/Paris', '--lingering-hours', '12'])).code).toBe(0);
    expect(JSON.parse((await run(['account', 'show', '--json'])).stdout)).toMatchObject({ timeZone: 'Europe/Paris', lingeringHours: 12 });
    const bad = await run(['account', 'update', '--time-zone', 'Nowhere/Land']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--time-zone: not an IANA time zone/);
    expect((await run(['account', 'update', '--lingering-hours', 'soon'])).stderr).toMatch(/must be a whole number/);
  });

  it.each([
    [['--help'], /Usage: dirsync <command>/],
    [['integrations', '--help'], /Sub-commands:/],
    [['integrations', 'add', '--help'], /--password-stdin/],
    [['integrations', 'update', '--help'], /--clear-ca/],
    [['integrations', 'list', '--help'], /integrations list/],
    [['disable', '--help'], /every destructive change/],
    [['account', '--help'], /--deletion-threshold-count/],
    [['audit', '--help'], /--before/],
    [['migrate', '--help'], /migrations/],
    [['start', '--help'], /healthz/],
  ])('%j prints help on stdout and exits 0', async (argv, text) => {
    const { run } = await cliAgainst(db.store);
    const result = await run(argv);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(text);
  });

  it('with no arguments prints help on stderr and exits 2', async () => {
    const { run } = await cliAgainst(db.store);
    const result = await run([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Usage: dirsync/);
  });
});
