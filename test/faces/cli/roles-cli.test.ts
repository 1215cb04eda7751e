import { describe, expect, it } from 'vitest';
import { cliAgainst } from '../../support/cli.ts';
import { backends } from '../../support/databases.ts';
import { useDatabase } from '../../support/suite.ts';

describe.each(backends)('dirsync roles (in-process, $name)', (backend) => {
  const db = useDatabase(backend);

  it('lists, grants and revokes, in text and JSON', async () => {
    const { run, deps, account } = await cliAgainst(db.store);
    expect((await run(['roles'])).stdout).toContain('everyone in chat and on the dashboard is a viewer');
    const granted = await run(['roles', 'grant', 'slack:U024BE7LH', 'admin']);
    expect(granted).toMatchObject({ code: 0, stdout: 'slack:U024BE7LH is now admin.\n' });
    await run(['roles', 'grant', 'web:alice', 'operator'], { user: 'bob' });
    const listed = await run(['roles', 'list']);
    expect(listed.stdout).toMatch(/^IDENTITY\s+ROLE\s+GRANTED BY\s+GRANTED AT\nslack:U024BE7LH\s+admin\s+cli:tester\s+\S+\nweb:alice\s+operator\s+cli:bob/);
    const json = JSON.parse((await run(['roles', '--json'])).stdout);
    expect(json.bindings.map((b: { identity: string; role: string }) => [b.identity, b.role])).toEqual([['slack:U024BE7LH', 'admin'], ['web:alice', 'operator']]);
    expect((await run(['roles', 'revoke', 'web:alice'])).stdout).toBe('web:alice is no longer operator; without a role they are a viewer.\n');
    expect(await deps.store.roles.roleOf(account.id, 'web:alice')).toBeNull();
  });

  it('exits 2 with the fix for a bad identity or role and for a missing argument; 1 for the last admin', async () => {
    const { run } = await cliAgainst(db.store);
    const bad = await run(['roles', 'grant', 'alice', 'admin']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('slack:<user id>');
    expect((await run(['roles', 'grant', 'web:alice', 'root'])).stderr).toContain('viewer, operator, admin');
    const missing = await run(['roles', 'grant', 'web:alice']);
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('missing <role>') });
    await run(['roles', 'grant', 'web:alice', 'admin']);
    const last = await run(['roles', 'revoke', 'web:alice']);
    expect(last.code).not.toBe(0);
    expect(last.stderr).toContain('last admin');
  });
});
