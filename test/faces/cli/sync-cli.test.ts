import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOnce } from '../../../src/faces/jobs/worker.ts';
import { requestSync } from '../../../src/commands/sync/request.ts';
import { describeSlapd } from '../../harness/directories.ts';
import { cliAgainst } from '../../support/cli.ts';
import { backends } from '../../support/databases.ts';
import { closedPort } from '../../support/fault-listeners.ts';
import { useDatabase } from '../../support/suite.ts';
import { extraPeople, ownSlapd } from '../../support/sync.ts';

describeSlapd('dirsync sync, history, pending, delete, approve (CLI face)', () => {
  const db = useDatabase(backends[0]!);
  let dir: Awaited<ReturnType<typeof ownSlapd>>;
  let cli: Awaited<ReturnType<typeof cliAgainst>>;
  beforeAll(async () => {
    dir = await ownSlapd(extraPeople(1500));
    cli = await cliAgainst(db.store);
    await cli.run(['account', 'update', '--deletion-threshold-percent', '100']);
  });
  afterAll(() => dir.slapd.stop());
  const add = (name: string, url = dir.info.url) =>
    cli.run(['integrations', 'add', name, '--kind', 'openldap', '--url', url, '--tls', 'none', '--bind-dn', dir.info.service.dn, '--base-dn', dir.info.baseDn, '--password-env', 'P'], { env: { P: dir.info.service.password } });

  it('sync --json prints the run with the documented keys; history and list show it', async () => {
    expect((await add('lab')).code).toBe(0);
    const first = await cli.run(['sync', 'lab', '--json']);
    expect(first.code).toBe(0);
    const run = JSON.parse(first.stdout);
    for (const key of ['run', 'integration', 'status', 'durationMs', 'counts', 'destructive', 'blockedBy', 'approvalRequest', 'failure', 'joined']) expect(run).toHaveProperty(key);
    expect(run).toMatchObject({ integration: 'lab', status: 'succeeded', runner: 'cli', joined: false, blockedBy: [], approvalRequest: null, failure: null, counts: { users: { added: 1516 } }, destructive: { applied: 0, held: 0, awaitingApproval: 0 } });
    const second = await cli.run(['sync', 'lab']);
    expect(second.stdout).toMatch(/^lab: sync #\d+ succeeded in \d+\.\d s \(manual by cli:tester\)\n {2}users +0 added, 0 updated, 0 restored, 1,516 unchanged/);
    expect(second.stdout).toMatch(/\n {2}read +delta \(timestamp\)\n/);
    const history = JSON.parse((await cli.run(['history', 'lab', '--json'])).stdout);
    expect(history.runs.map((r: { run: number }) => r.run)).toEqual([run.run + 1, run.run]);
    expect((await cli.run(['list'])).stdout).toMatch(/lab +openldap +enabled .* #\d+ succeeded/);
  });

  it('draws a progress bar on a terminal, and never into --json output', async () => {
    // After a delta, a full read is measured against the last full read, not the delta.
    const tty = await cli.run(['sync', 'lab', '--full'], { stderrTty: true });
    expect(tty.stderr).toMatch(/\r\x1b\[2Klab {2}\[[#-]+\] \d+% {2}(users|groups) {2}[\d,]+ \/ ~1,520 entries/);
    const json = await cli.run(['sync', 'lab', '--json'], { stderrTty: true });
    expect(json.stderr).toBe('');
  });

  it('a failed run exits 1 with its class, reason and checklist; a disabled integration is refused', async () => {
    await add('down', `ldap://127.0.0.1:${await closedPort()}`);
    const failed = await cli.run(['sync', 'down']);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/FAILED at tcp — connection \/ connection_refused\n/);
    expect(failed.stdout).toMatch(/What to check:\n {4}1\. /);
    expect(failed.stdout).toContain('Nothing destructive was derived from this run.');
    await cli.run(['disable', 'down']);
    const refused = await cli.run(['sync', 'down']);
    expect(refused).toMatchObject({ code: 1, stderr: 'error: down is disabled: enable it before syncing\n' });
  });

  it('joins a run another worker is executing, and follows it to the end', async () => {
    const { runs } = await requestSync({ ctx: { ...cli.deps, accountId: cli.account.id, actor: { platform: 'cli', id: 'someone', role: 'operator' } }, input: { name: 'lab' } });
    const claimed = await cli.deps.store.runs.claim('server-worker', 30_000, [runs[0]!.run]);
    const followed = cli.run(['sync', 'lab', '--json']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await cli.deps.store.runs.release(claimed!.id, 'server-worker');
    await runOnce({ deps: cli.deps, owner: 'server-worker', leaseMs: 30_000 }, [claimed!.id]).catch(() => null);
    const result = JSON.parse((await followed).stdout);
    expect(result).toMatchObject({ run: runs[0]!.run, joined: true, status: 'succeeded' });
  });

  it('delete → approve by the requester refused (exit 2) → approved by another admin → gone', async () => {
    await add('old');
    await cli.run(['sync', 'old']);
    const asked = await cli.run(['delete', 'old', '--actor', 'olga']);
    const id = /request #(\d+)/.exec(asked.stdout)![1]!;
    expect(asked.stdout).toMatch(/impact +1,516 users, 4 groups, 11 memberships\nAnother admin approves with: dirsync approve \d+\n$/);
    expect((await cli.run(['pending'])).stdout).toContain(`request #${id}: delete integration old`);
    const own = await cli.run(['approve', id, '--actor', 'olga']);
    expect(own).toMatchObject({ code: 2 });
    expect(own.stderr).toMatch(/four-eyes/);
    const approved = await cli.run(['approve', `#${id}`, '--actor', 'ada']);
    // "down" was disabled above: the gate holds the deleted integration's objects.
    expect(approved.stdout).toBe(`Approved request #${id} (delete integration old) as cli:ada.\nThe changes are held while down is disabled or in error; they apply once it recovers.\n`);
    expect((await cli.run(['show', 'old'])).code).toBe(2);
    const late = await cli.run(['reject', id, '--actor', 'bob']);
    expect(late).toMatchObject({ code: 1 });
    expect(late.stderr).toMatch(/already approved by cli:ada/);
    expect((await cli.run(['approve', 'x'])).code).toBe(2);
    expect((await cli.run(['list', '--actor'])).code).toBe(2);
  });

  it('sync --dry-run lists every user it would add in --json, the first ten in text, and preview pages through them', async () => {
    expect((await add('lab-preview')).code).toBe(0);
    const dry = await cli.run(['sync', 'lab-preview', '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    const run = JSON.parse(dry.stdout);
    expect(run).toMatchObject({ integration: 'lab-preview', status: 'succeeded', dryRun: true, counts: { users: { added: 1516 } } });
    expect(run.preview.totals.added).toBe(1516);
    expect(run.preview.items).toHaveLength(1516);
    expect(new Set(run.preview.items.map((i: { dn: string }) => i.dn)).size).toBe(1516);
    const alice = dir.info.users.find((u) => u.name === 'alice.archer')!;
    expect(run.preview.items).toContainEqual({ section: 'added', kind: null, name: alice.displayName, dn: alice.dn, group: null });
    const history = JSON.parse((await cli.run(['history', 'lab-preview', '--json'])).stdout);
    expect(history.runs).toEqual([expect.objectContaining({ run: run.run, dryRun: true })]);

    const text = await cli.run(['sync', 'lab-preview', 'dry-run']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^✅ Dry run #\d+ of lab-preview succeeded/);
    expect(text.stdout).toContain('Dry run: nothing was changed');
    expect(text.stdout).toContain('Users that would be added (1,516):');
    expect(text.stdout).toContain('…and 1,506 more');
    const page = await cli.run(['preview', String(run.run), '--section', 'added', '--offset', '1510', '--limit', '100', '--json']);
    expect(JSON.parse(page.stdout).preview.items).toHaveLength(6);
    expect((await cli.run(['preview', String(run.run), '--section', 'nonsense'])).code).toBe(2);
  });
});
