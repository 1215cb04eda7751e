import { describe, expect, it } from 'vitest';
import { cliAgainst } from '../../support/cli.ts';
import { backends } from '../../support/databases.ts';
import { useDatabase } from '../../support/suite.ts';

const PASSWORD = 'correct horse battery staple';

describe.each(backends)('dirsync users (in-process, $name)', (backend) => {
  const db = useDatabase(backend);

  it('adds with the password from stdin, lists in text and JSON, changes the password and removes', async () => {
    const { run, deps, account } = await cliAgainst(db.store);
    expect((await run(['users'])).stdout).toContain('No dashboard users yet. Add one with: dirsync users add <login> --role admin');
    const added = await run(['users', 'add', 'alice', '--role', 'admin'], { stdin: `${PASSWORD}\n` });
    expect(added).toMatchObject({ code: 0, stdout: 'Dashboard user alice added as admin.\n' });
    const stored = await deps.store.webUsers.get(account.id, 'alice');
    expect(await deps.passwords.verify(PASSWORD, stored!.passwordHash)).toBe(true); // the newline was not part of it
    await run(['users', 'add', 'bob', '--role', 'viewer', '--password-env', 'BOB_PW'], { env: { BOB_PW: `${PASSWORD}!` }, user: 'carol' });
    await deps.store.roles.revoke(account.id, 'web:bob');
    expect((await run(['users', 'list'])).stdout).toMatch(/^LOGIN\s+ROLE\s+CREATED BY\s+CREATED AT\nalice\s+admin\s+cli:tester\s+\S+ \S+ UTC\nbob\s+viewer \(no role\)\s+cli:carol/);
    const json = JSON.parse((await run(['users', '--json'])).stdout);
    expect(json.users.map((u: { login: string; role: string | null }) => [u.login, u.role])).toEqual([['alice', 'admin'], ['bob', null]]);
    const typed = await run(['users', 'passwd', 'bob'], { prompts: ['a new passphrase here', 'a new passphrase here'] });
    expect(typed).toMatchObject({ code: 0, stdout: 'Password of bob changed.\n', asked: ['Password for bob: ', 'Again: '] });
    expect(await deps.passwords.verify('a new passphrase here', (await deps.store.webUsers.get(account.id, 'bob'))!.passwordHash)).toBe(true);
    expect(await run(['users', 'remove', 'bob'])).toMatchObject({ code: 0, stdout: 'Dashboard user bob removed.\n' });
    const all = JSON.stringify(await deps.store.audit.list({ accountId: account.id, limit: 20 }));
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toContain('a new passphrase');
  });

  it('never takes a password as an argument; exits 2 for bad input, 1 for the last admin', async () => {
    const { run, deps, account } = await cliAgainst(db.store);
    const argv = await run(['users', 'add', 'alice', '--role', 'admin', '--password', PASSWORD]);
    expect(argv).toMatchObject({ code: 2, stderr: expect.stringContaining('passwords are not accepted as arguments') });
    expect(await run(['users', 'add', 'alice'], { stdin: PASSWORD })).toMatchObject({ code: 2, stderr: expect.stringContaining('missing --role') });
    expect(await run(['users', 'add', 'alice', '--role', 'root'], { stdin: PASSWORD })).toMatchObject({ code: 2, stderr: expect.stringContaining('viewer, operator, admin') });
    const short = await run(['users', 'add', 'alice', '--role', 'admin'], { stdin: 'short\n' });
    expect(short).toMatchObject({ code: 2, stderr: 'error: password (standard input or --password-env): must be at least 12 characters (a few unrelated words make a good one)\n' });
    expect(await run(['users', 'add', 'a b', '--role', 'admin'], { stdin: PASSWORD })).toMatchObject({ code: 2, stderr: expect.stringContaining('<login>: a login is') });
    const mismatch = await run(['users', 'add', 'alice', '--role', 'admin'], { prompts: [PASSWORD, `${PASSWORD}.`] });
    expect(mismatch).toMatchObject({ code: 2, stderr: expect.stringContaining('the two passwords differ') });
    expect(await deps.store.webUsers.count(account.id)).toBe(0);
    await run(['users', 'add', 'alice', '--role', 'admin'], { stdin: PASSWORD });
    expect(await run(['users', 'add', 'Alice', '--role', 'viewer'], { stdin: PASSWORD })).toMatchObject({ code: 2, stderr: expect.stringContaining('already exists') });
    expect(await run(['users', 'remove', 'nobody'])).toMatchObject({ code: 2, stderr: expect.stringContaining('"nobody" does not exist') });
    expect(await run(['users', 'passwd', 'nobody'], { stdin: PASSWORD })).toMatchObject({ code: 2 });
    const last = await run(['users', 'remove', 'alice']);
    expect(last).toMatchObject({ code: 1, stderr: expect.stringContaining('last admin') });
    expect(await run(['users', 'remove', 'alice', '--role', 'admin'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--role is for "users add"') });
    expect(await run(['users', 'frobnicate'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown sub-command "users frobnicate"') });
    expect((await run(['users', '--help'])).stdout).toContain('dirsync users add <login> --role viewer|operator|admin');
  });
});
