import { describe, expect, it } from 'vitest';
import { cliAgainst } from '../../support/cli.ts';
import { backends } from '../../support/databases.ts';
import { useDatabase } from '../../support/suite.ts';

describe('dirsync: did you mean, and --actor as the help writes it', () => {
  const db = useDatabase(backends[0]!);

  it.each([
    [['snyc'], 'unknown command "snyc". Did you mean "sync"?'],
    [['users', 'ad', 'alice'], 'unknown sub-command "users ad". Did you mean "users add"?'],
    [['integrations', 'shwo'], 'unknown sub-command "integrations shwo". Did you mean "integrations show"?'],
    [['list', '--jsno'], "Unknown option '--jsno'. Did you mean --json?"],
    [['history', 'lab', '--limt', '3'], "Unknown option '--limt'. Did you mean --limit?"],
    [['integrations', 'add', 'x', '--pasword-env', 'P'], "Unknown option '--pasword-env'. Did you mean --password-env?"],
  ])('%j suggests the closest', async (argv, expected) => {
    const { run } = await cliAgainst(db.store);
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`error: ${expected}`);
  });

  it('suggests nothing when nothing is close, and never a refused secret flag', async () => {
    const { run } = await cliAgainst(db.store);
    expect((await run(['frobnicate'])).stderr).toMatch(/unknown command "frobnicate"\n/);
    expect((await run(['list', '--zzzzzz'])).stderr).toMatch(/Unknown option '--zzzzzz'\n/);
    // --password exists only to be refused with an explanation: it is never suggested.
    expect((await run(['integrations', 'add', 'x', '--pasword', 'p'])).stderr).toMatch(/Unknown option '--pasword'\n/);
  });

  it('--actor takes cli:<name> as well as <name>, and refuses another platform', async () => {
    const { run } = await cliAgainst(db.store);
    expect((await run(['users', 'add', 'amy', '--role', 'viewer', '--actor', 'cli:ada'], { stdin: 'a long enough password' })).code).toBe(0);
    expect((await run(['users', 'add', 'bea', '--role', 'viewer', '--actor', 'olga'], { stdin: 'a long enough password' })).code).toBe(0);
    const users = JSON.parse((await run(['users', 'list', '--json'])).stdout).users as { login: string; createdBy: string }[];
    expect(users.map((u) => `${u.login} ${u.createdBy}`).sort()).toEqual(['amy cli:ada', 'bea cli:olga']);
    const other = await run(['list', '--actor', 'slack:U1']);
    expect(other).toMatchObject({ code: 2, stderr: expect.stringContaining('--actor takes a name or cli:<name>') });
  });
});
