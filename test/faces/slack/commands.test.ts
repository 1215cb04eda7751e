import { describe, expect, it } from 'vitest';
import { describeSlapd } from '../../harness/directories.ts';
import { backends } from '../../support/databases.ts';
import { BUG, failRoleLookups, LOST } from '../../support/faults.ts';
import { slashCommandBody, postSigned } from '../../support/slack-requests.ts';
import { shown, SIGNING_SECRET, useSlackHarnesses, type SlackHarness } from '../../support/slack-harness.ts';
import { useDatabase } from '../../support/suite.ts';
import { addLab } from '../../support/sync.ts';

describe.each(backends)('/dirsync through Bolt and the HTTP server ($name)', (backend) => {
  const db = useDatabase(backend);
  const { harness, directory } = useSlackHarnesses(() => db.store);
  async function withLab(h: SlackHarness) {
    const dir = await directory();
    await addLab(h.as('admin'), dir.info);
    return dir;
  }

  it('refuses forged, stale and unsigned requests with 401 and changes nothing', async () => {
    const h = await harness();
    await addLab(h.as('admin'), { url: 'ldap://127.0.0.1:1', service: { dn: 'cn=svc,dc=example,dc=org', password: 'x' }, baseDn: 'dc=example,dc=org' } as never);
    await h.role('UADMIN', 'admin');
    const { body } = slashCommandBody(h.slack, { text: 'disable lab', user: 'UADMIN' });
    const form = 'application/x-www-form-urlencoded';
    const forged = await postSigned(h.app, body, form, { secret: 'f'.repeat(32) });
    expect(forged.status).toBe(401);
    expect(await forged.text()).toContain('signature does not match');
    const stale = await postSigned(h.app, body, form, { secret: SIGNING_SECRET, timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(stale.status).toBe(401);
    expect(await stale.text()).toContain('stale request');
    const tampered = await postSigned(h.app, body.replace('disable', 'enable'), form, { secret: SIGNING_SECRET, signature: (await import('../../support/slack-sign.ts')).signSlackRequest(SIGNING_SECRET, Math.floor(Date.now() / 1000), body) });
    expect(tampered.status).toBe(401);
    const unsigned = await h.app.request('/slack/events', { method: 'POST', headers: { 'content-type': form }, body });
    expect(unsigned.status).toBe(401);

    expect((await h.deps.store.integrations.findByName(h.account.id, 'lab'))!.state).toBe('enabled');
    const audit = await h.deps.store.audit.list({ accountId: h.account.id, limit: 5 });
    expect(audit.map((a) => a.action)).not.toContain('integration.disable');
    expect(h.slack.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
    expect(h.deps.log.lines.filter((l) => l.msg === 'refused a Slack request')).toHaveLength(4);

    // Signed correctly, the same request works: the refusals above were about the signature.
    const ok = await h.command({ text: 'disable lab', user: 'UADMIN' });
    expect(ok.response.status).toBe(200);
    expect((await h.deps.store.integrations.findByName(h.account.id, 'lab'))!.state).toBe('disabled');
  });

  it('answers the events URL challenge only when signed', async () => {
    const h = await harness();
    const body = JSON.stringify({ type: 'url_verification', challenge: 'abc123', token: 'x' });
    const ok = await postSigned(h.app, body, 'application/json', { secret: SIGNING_SECRET });
    expect(await ok.json()).toEqual({ challenge: 'abc123' });
    expect((await postSigned(h.app, body, 'application/json', { secret: 'f'.repeat(32) })).status).toBe(401);
  });

  it("says a bug in dirsync is dirsync's fault, and a lost database that it is unavailable", async () => {
    const h = await harness();
    const roles = failRoleLookups(h.deps.store);
    try {
      roles.with(BUG);
      const bug = await h.command({ text: 'list', user: 'UVIEW' });
      expect(bug.ack).toMatchObject({ response_type: 'ephemeral' });
      expect(shown(bug.ack)).toContain('Something went wrong inside dirsync');
      expect(shown(bug.ack)).toContain('The details were logged on the dirsync server.');
      expect(shown(bug.ack)).not.toContain('Cannot read properties');
      expect(h.deps.log.lines.filter((l) => l.msg === 'a Slack command failed unexpectedly')).toHaveLength(1);

      roles.with(LOST);
      const down = await h.command({ text: 'list', user: 'UVIEW' });
      expect(shown(down.ack)).toContain('Unavailable: try again in a moment');
      expect(shown(down.ack)).toContain('the database connection was lost (connect ECONNREFUSED 127.0.0.1:5432)');
    } finally {
      roles.restore();
    }
  });

  it('answers a command longer than Slack lets anyone send with help, without reading it', async () => {
    const h = await harness();
    await h.role('UADMIN', 'admin');
    const long = await h.command({ text: `disable lab ${'x'.repeat(40_000)}`, user: 'UADMIN' });
    expect(long.ack).toMatchObject({ response_type: 'ephemeral' });
    expect(shown(long.ack)).toContain('this message is 40,012 characters long, more than Slack lets anyone send (40,000), so dirsync did not read it');
    expect(shown(long.ack)).toContain('/dirsync sync all');
    expect(shown(long.ack).length).toBeLessThan(10_000);
  });

  describeSlapd('with a directory', () => {
    it('read commands: help, list, pending, history, roles, unknown words and names', async () => {
      const h = await harness();
      await withLab(h);
      const help = await h.command({ text: 'help', user: 'UVIEW' });
      expect(help.ack).toMatchObject({ response_type: 'ephemeral' });
      for (const verb of ['/dirsync list', '/dirsync test &lt;name&gt;', '/dirsync sync all', '/dirsync pending', '/dirsync approve &lt;id&gt;', '/dirsync alerts here', '/dirsync alerts off', '/dirsync roles', '/dirsync whoami']) expect(shown(help.ack)).toContain(verb);

      const unknown = await h.command({ text: 'snyc lab', user: 'UVIEW' });
      expect(shown(unknown.ack)).toContain('`snyc` is not a dirsync command. Did you mean `sync`?');
      expect(shown(unknown.ack)).toContain('dirsync commands');

      const list = await h.command({ text: 'list', user: 'UVIEW' });
      expect(shown(list.ack)).toContain('*lab* (openldap)');
      expect(shown(list.ack)).toContain('never synced');

      const mistyped = await h.command({ text: 'history lba', user: 'UVIEW' });
      expect(mistyped.ack).toMatchObject({ response_type: 'ephemeral' });
      expect(shown(mistyped.ack)).toContain('Did you mean lab?');

      expect(shown((await h.command({ text: 'history lab', user: 'UVIEW' })).ack)).toContain('/dirsync sync lab');
      expect(shown((await h.command({ text: 'pending', user: 'UVIEW' })).ack)).toContain('Nothing is pending');
      expect(shown((await h.command({ text: 'roles', user: 'UVIEW' })).ack)).toContain('viewer');

      // whoami, offered in chat by the registry alone: who dirsync thinks you are, and why that role.
      const viewer = shown((await h.command({ text: 'whoami', user: 'UVIEW' })).ack);
      expect(viewer).toContain('dirsync knows you as `slack:UVIEW`');
      expect(viewer).toContain('*viewer* — the default for anyone without a granted role');
      await h.role('UADMIN', 'admin');
      const admin = shown((await h.command({ text: 'whoami', user: 'UADMIN' })).ack);
      expect(admin).toContain('*admin* — granted by');
    });

    it('operator commands: test, sync with progress edited in place, sync all, disable, enable — and a viewer is refused', async () => {
      const h = await harness();
      const dir = await withLab(h);
      await h.role('UOPS', 'operator');

      const refused = await h.command({ text: 'sync lab', user: 'UVIEW' });
      expect(refused.ack).toMatchObject({ response_type: 'ephemeral' });
      expect(shown(refused.ack)).toContain('needs the operator role; slack:UVIEW has viewer');
      expect(await h.deps.store.runs.history((await h.deps.store.integrations.findByName(h.account.id, 'lab'))!.id, 5)).toEqual([]);

      const test = await h.command({ text: 'test lab', user: 'UOPS' });
      const report = test.ack ?? (await h.slack.waitFor(() => test.fromResponseUrl()[0], 20_000, 'the test result'))!.body;
      expect(report).toMatchObject({ response_type: 'in_channel' });
      for (const stage of ['dns', 'tcp', 'bind', 'base_dn', 'search', 'attributes', 'encoding']) expect(shown(report)).toContain(stage);

      const sync = await h.command({ text: 'sync lab', user: 'UOPS', channel: 'COPS' });
      expect(sync.ack).toMatchObject({ response_type: 'in_channel' });
      expect(shown(sync.ack)).toMatch(/Sync #\d+ of \*lab\* queued/);
      const progress = await h.slack.waitFor(() => h.slack.parents('COPS').find((m) => m.text.includes('succeeded')), 30_000, 'the sync to finish');
      expect(h.slack.parents('COPS')).toHaveLength(1); // one message, edited in place
      expect(progress.versions.length).toBeGreaterThan(1);
      expect(shown(progress)).toContain(`${dir.info.users.length} added`);

      const all = await h.command({ text: 'sync all', user: 'UOPS', channel: 'COPS2' });
      expect(shown(all.ack)).toContain('Sync all');
      await h.slack.waitFor(() => h.slack.parents('COPS2').find((m) => /succeeded/.test(m.text)), 30_000, 'sync all to finish');

      const disabled = await h.command({ text: 'disable lab retired', user: 'UOPS' });
      expect(disabled.ack).toMatchObject({ response_type: 'in_channel' });
      expect(shown(disabled.ack)).toContain('held');
      expect((await h.deps.store.integrations.findByName(h.account.id, 'lab'))).toMatchObject({ state: 'disabled', stateReason: 'retired' });
      const syncDisabled = await h.command({ text: 'sync lab', user: 'UOPS' });
      expect(shown(syncDisabled.ack)).toContain('lab is disabled: enable it before syncing');
      await h.command({ text: 'enable lab', user: 'UOPS' });
      expect((await h.deps.store.integrations.findByName(h.account.id, 'lab'))!.state).toBe('enabled');
      const history = await h.command({ text: 'history lab', user: 'UVIEW' });
      expect(shown(history.ack)).toMatch(/#\d+/);
      expect(shown(history.ack)).toContain('succeeded');
    });

    it('sync <name> dry-run posts what a sync would do, ten names a section, and writes nothing; preview <run> shows it again', async () => {
      const h = await harness();
      const dir = await withLab(h);
      await h.role('UOPS', 'operator');
      const lab = (await h.deps.store.integrations.findByName(h.account.id, 'lab'))!;
      const refused = await h.command({ text: 'sync lab dry-run', user: 'UVIEW' });
      expect(shown(refused.ack)).toContain('needs the operator role; slack:UVIEW has viewer');

      const dry = await h.command({ text: 'sync lab dry-run', user: 'UOPS', channel: 'CDRY' });
      expect(shown(dry.ack)).toMatch(/Dry run #\d+ of \*lab\* queued/);
      const id = Number(/Dry run #(\d+)/.exec(shown(dry.ack))![1]);
      const done = await h.slack.waitFor(() => h.slack.parents('CDRY').find((m) => m.text.includes('nothing was changed')), 30_000, 'the dry run to finish');
      const text = shown(done);
      const users = dir.info.users.length;
      expect(text).toContain('Dry run: nothing was changed');
      expect(text).toContain(`Users that would be added* (${users}):`);
      expect(text).toContain(`…and ${users - 10} more`);
      expect(dir.info.users.filter((u) => text.includes(`${u.dn}\``))).toHaveLength(10);
      expect(await h.deps.store.sync.knownUsers(lab.id)).toBe(0);
      expect((await h.deps.store.runs.get(id))).toMatchObject({ status: 'succeeded', dryRun: true });

      const again = shown((await h.command({ text: `preview ${id}`, user: 'UVIEW' })).ack);
      expect(again).toContain(`Users that would be added* (${users}):`);
      expect(shown((await h.command({ text: 'sync lab preview', user: 'UOPS' })).ack)).toContain('`preview` is not the word dry-run');
    });

    it('answers slow work through response_url after an immediate acknowledgement', async () => {
      const h = await harness({ ackWithinMs: 1 });
      await withLab(h);
      await h.role('UOPS', 'operator');
      const test = await h.command({ text: 'test lab', user: 'UOPS' });
      expect(test.ack).toMatchObject({ response_type: 'ephemeral', text: '⏳ Working on `test lab`…' });
      const late = await h.slack.waitFor(() => test.fromResponseUrl()[0], 20_000, 'the late answer');
      expect(late.body).toMatchObject({ response_type: 'in_channel' });
      expect(shown(late.body)).toContain('bind');
    });

    it('admin commands: alerts here / status / off and roles grant / revoke with a mention', async () => {
      const h = await harness();
      await withLab(h);
      await h.role('UADMIN', 'admin');
      expect(shown((await h.command({ text: 'alerts here', user: 'UOPS', channel: 'CNEW' })).ack)).toContain('needs the admin role');
      const here = await h.command({ text: 'alerts here', user: 'UADMIN', channel: 'CNEW' });
      expect(here.ack).toMatchObject({ response_type: 'in_channel' });
      expect(shown(here.ack)).toContain('<#CNEW>');
      expect(await h.deps.store.destinations.get(h.account.id, 'slack')).toMatchObject({ target: { channel: 'CNEW' }, setBy: 'slack:UADMIN' });
      expect(shown((await h.command({ text: 'alerts', user: 'UVIEW', channel: 'CNEW' })).ack)).toContain('<#CNEW>');
      await h.command({ text: 'alerts off', user: 'UADMIN', channel: 'CNEW' });
      expect(await h.deps.store.destinations.get(h.account.id, 'slack')).toMatchObject({ target: null });

      const granted = await h.command({ text: 'roles grant <@U0BOB|bob> operator', user: 'UADMIN' });
      expect(shown(granted.ack)).toContain('<@U0BOB>');
      expect(await h.deps.store.roles.roleOf(h.account.id, 'slack:U0BOB')).toBe('operator');
      expect(shown((await h.command({ text: 'roles', user: 'U0BOB' })).ack)).toContain('<@U0BOB>');
      await h.command({ text: 'roles revoke <@U0BOB>', user: 'UADMIN' });
      expect(await h.deps.store.roles.roleOf(h.account.id, 'slack:U0BOB')).toBeNull();
      expect(shown((await h.command({ text: 'roles grant <@U0BOB> admin', user: 'U0BOB' })).ack)).toContain('needs the admin role');
    });
  });
});
