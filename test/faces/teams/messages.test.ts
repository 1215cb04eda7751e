import { describe, expect, it } from 'vitest';
import { describeSlapd } from '../../harness/directories.ts';
import { backends } from '../../support/databases.ts';
import { BUG, failRoleLookups, LOST } from '../../support/faults.ts';
import { useDatabase } from '../../support/suite.ts';
import { addLab } from '../../support/sync.ts';
import { APP_ID, useTeamsHarnesses, type TeamsHarness } from '../../support/teams-harness.ts';
import { installed, message, toBot, type Person } from '../../support/teams-requests.ts';

const ANN: Person = { aad: 'aad-ann-0001', name: 'Ann Admin' };
const OLA: Person = { aad: 'aad-ola-0002', name: 'Ola Operator' };
const VIC: Person = { aad: 'aad-vic-0003', name: 'Vic Viewer' };
const BOB: Person = { aad: 'aad-bob-0004', name: 'Bob Smith' };
const NOWHERE = { url: 'ldap://127.0.0.1:1', service: { dn: 'cn=svc,dc=example,dc=org', password: 'x' }, baseDn: 'dc=example,dc=org' } as never;

/** Everything a card says, for "does it say X" checks. */
const says = (card: unknown) => JSON.stringify(card ?? null);

describe.each(backends)('Teams through botbuilder and the HTTP server ($name)', (backend) => {
  const db = useDatabase(backend);
  const { harness, directory } = useTeamsHarnesses(() => db.store);
  const lastReply = (h: TeamsHarness, conversation = '19:ops@thread.tacv2') => h.teams.activities.filter((a) => a.conversation === conversation).at(-1);

  it('refuses requests without a valid Bot Framework token with 401, and changes nothing', async () => {
    const h = await harness();
    await addLab(h.as('admin'), NOWHERE);
    await h.role(ANN.aad, 'admin');
    const disable = message(h, ANN, 'disable lab');
    expect((await toBot(h, disable, null)).status).toBe(401);
    expect((await toBot(h, disable, h.teams.channelToken({ aud: APP_ID, serviceUrl: h.teams.serviceUrl }, h.teams.strangerKey))).status).toBe(401);
    expect((await toBot(h, disable, h.teams.channelToken({ aud: '11111111-2222-4333-8444-555555555555', serviceUrl: h.teams.serviceUrl }))).status).toBe(401);
    expect((await toBot(h, disable, h.teams.channelToken({ aud: APP_ID, serviceUrl: h.teams.serviceUrl, expiresInS: -600 }))).status).toBe(401);
    expect((await toBot(h, disable, h.teams.channelToken({ aud: APP_ID, serviceUrl: 'https://elsewhere.example/' }))).status).toBe(401);
    expect((await toBot(h, disable, h.teams.channelToken({ aud: APP_ID, serviceUrl: h.teams.serviceUrl, iss: 'https://sts.windows.net/evil/' }))).status).toBe(401);
    expect((await h.deps.store.integrations.findByName(h.account.id, 'lab'))!.state).toBe('enabled');
    expect(h.teams.activities).toEqual([]);
    expect(h.deps.log.lines.filter((l) => l.msg.startsWith('refused a Teams request'))).toHaveLength(6);

    const ok = await toBot(h, disable);
    expect(ok.status).toBe(200);
    expect((await h.deps.store.integrations.findByName(h.account.id, 'lab'))!.state).toBe('disabled');
    // The reply went out with the bot's own token, from the token endpoint.
    const reply = await h.teams.waitFor(() => lastReply(h), 5_000, 'the reply');
    expect(reply.authorization).toMatch(/^Bearer bot-token-\d+$/);
  });

  it("says a bug in dirsync is dirsync's fault, and a lost database that it is unavailable", async () => {
    const h = await harness();
    const roles = failRoleLookups(h.deps.store);
    try {
      roles.with(BUG);
      expect((await toBot(h, message(h, VIC, 'list'))).status).toBe(200);
      const bug = await h.teams.waitFor(() => lastReply(h), 5_000, 'the reply');
      expect(says(bug.card)).toContain('Something went wrong inside dirsync');
      expect(says(bug.card)).not.toContain('Cannot read properties');
      expect(h.deps.log.lines.filter((l) => l.msg === 'a Teams command failed unexpectedly')).toHaveLength(1);

      const before = h.teams.activities.length;
      roles.with(LOST);
      expect((await toBot(h, message(h, VIC, 'list'))).status).toBe(200);
      const down = await h.teams.waitFor(() => h.teams.activities.slice(before).at(-1), 5_000, 'the second reply');
      expect(says(down.card)).toContain('Unavailable: try again in a moment');
      expect(says(down.card)).toContain('the database connection was lost (connect ECONNREFUSED 127.0.0.1:5432)');
    } finally {
      roles.restore();
    }
  });

  it('in insecure local mode (no credentials) accepts requests without a token', async () => {
    const h = await harness({ insecure: true });
    expect((await toBot(h, message(h, VIC, 'help'), null)).status).toBe(200);
    const reply = await h.teams.waitFor(() => lastReply(h));
    expect(says(reply.card)).toContain('sync all');
    expect(reply.authorization).toBeNull();
  });

  it('remembers where it was installed and says how to set up alerts', async () => {
    const h = await harness();
    expect((await toBot(h, installed(h, ANN))).status).toBe(200);
    const welcome = await h.teams.waitFor(() => lastReply(h));
    expect(welcome.text).toContain('alerts here');
    expect(await h.deps.store.conversations.get('teams', '19:ops@thread.tacv2')).toMatchObject({ kind: 'channel', reference: { serviceUrl: h.teams.serviceUrl, conversation: { id: '19:ops@thread.tacv2' } } });
  });

  it('answers a message longer than Teams lets anyone send with help, without reading it', async () => {
    const h = await harness();
    await h.role(ANN.aad, 'admin');
    expect((await toBot(h, message(h, ANN, `disable lab ${'x'.repeat(29_000)}`))).status).toBe(200);
    const reply = await h.teams.waitFor(() => lastReply(h));
    expect(says(reply.card)).toMatch(/this message is 29,0\d\d characters long, more than Teams lets anyone send \(28,672\), so dirsync did not read it/);
    expect(says(reply.card)).toContain('sync all');
  });

  describeSlapd('with a directory', () => {
    async function withLab(h: TeamsHarness) {
      const dir = await directory();
      await addLab(h.as('admin'), dir.info);
      await h.role(ANN.aad, 'admin');
      await h.role(OLA.aad, 'operator');
      return dir;
    }

    it('read commands in a channel and in a personal chat: help, list, pending, history, roles, unknown words and names', async () => {
      const h = await harness();
      await withLab(h);
      await toBot(h, message(h, VIC, 'help'));
      expect(says(lastReply(h)?.card)).toContain('pending');
      await toBot(h, message(h, VIC, 'list', { type: 'personal' }));
      const personal = lastReply(h, `a:personal-${VIC.aad}`);
      expect(says(personal?.card)).toContain('lab');
      await toBot(h, message(h, VIC, 'snyc lab'));
      expect(says(lastReply(h)?.card)).toContain('Did you mean **sync**?');
      await toBot(h, message(h, VIC, 'history lba'));
      expect(says(lastReply(h)?.card)).toContain('Did you mean lab?');
      await toBot(h, message(h, VIC, 'pending'));
      expect(says(lastReply(h)?.card)).toContain('Nothing is pending');
      await toBot(h, message(h, VIC, 'history lab'));
      expect(says(lastReply(h)?.card)).toContain('sync lab');
      // whoami, offered in chat by the registry alone.
      await toBot(h, message(h, VIC, 'whoami'));
      expect(says(lastReply(h)?.card)).toContain(`dirsync knows you as **teams:${VIC.aad}**`);
      expect(says(lastReply(h)?.card)).toContain('**viewer** — the default for anyone without a granted role');
    });

    it('operator commands: test, sync with its reply edited in place, sync all, disable, enable; a viewer is refused', async () => {
      const h = await harness();
      const dir = await withLab(h);
      await toBot(h, message(h, VIC, 'sync lab'));
      expect(says(lastReply(h)?.card)).toContain(`needs the operator role; teams:${VIC.aad} has viewer`);

      await toBot(h, message(h, OLA, 'test lab'));
      const tested = await h.teams.waitFor(() => h.teams.activities.find((a) => says(a.card).includes('encoding') && says(a.card).includes('bind')), 20_000, 'the test result');
      expect(says(tested.card)).toContain('lab');

      await toBot(h, message(h, OLA, 'sync lab'));
      const progress = lastReply(h)!;
      await h.teams.waitFor(() => says(progress.card).includes('succeeded'), 30_000, 'the sync to finish');
      expect(progress.versions.length).toBeGreaterThan(1); // one message, updated in place
      expect(says(progress.card)).toContain(`${dir.info.users.length} added`);

      await toBot(h, message(h, OLA, 'sync all'));
      const all = lastReply(h)!;
      await h.teams.waitFor(() => says(all.card).includes('succeeded'), 30_000, 'sync all to finish');

      await toBot(h, message(h, OLA, 'disable lab retired'));
      expect(says(lastReply(h)?.card)).toContain('held');
      expect(await h.deps.store.integrations.findByName(h.account.id, 'lab')).toMatchObject({ state: 'disabled', stateReason: 'retired' });
      await toBot(h, message(h, OLA, 'enable lab'));
      expect((await h.deps.store.integrations.findByName(h.account.id, 'lab'))!.state).toBe('enabled');
    });

    it('a slow command is answered with a placeholder that is then replaced by the result', async () => {
      const h = await harness({ ackWithinMs: 1 });
      await withLab(h);
      const started = Date.now();
      expect((await toBot(h, message(h, OLA, 'test lab'))).status).toBe(200);
      expect(Date.now() - started).toBeLessThan(5_000);
      const placeholder = lastReply(h)!;
      expect(placeholder.summary).toContain('Working on');
      await h.teams.waitFor(() => says(placeholder.card).includes('encoding'), 20_000, 'the placeholder to become the result');
    });

    it('admin commands: alerts here / status / off and roles grant / revoke with an @mention', async () => {
      const h = await harness();
      await withLab(h);
      await toBot(h, message(h, OLA, 'alerts here'));
      expect(says(lastReply(h)?.card)).toContain('needs the admin role');
      await toBot(h, message(h, ANN, 'alerts here'));
      expect(await h.deps.store.destinations.get(h.account.id, 'teams')).toMatchObject({ target: { channel: '19:ops@thread.tacv2' }, setBy: `teams:${ANN.aad}` });
      await toBot(h, message(h, VIC, 'alerts'));
      expect(says(lastReply(h)?.card)).toContain('19:ops@thread.tacv2');
      await toBot(h, message(h, ANN, 'alerts off'));
      expect(await h.deps.store.destinations.get(h.account.id, 'teams')).toMatchObject({ target: null });

      await toBot(h, message(h, ANN, 'roles grant @Bob Smith operator', {}, [BOB]));
      expect(await h.deps.store.roles.roleOf(h.account.id, `teams:${BOB.aad}`)).toBe('operator');
      await toBot(h, message(h, VIC, 'roles'));
      expect(says(lastReply(h)?.card)).toContain('Bob Smith');
      await toBot(h, message(h, ANN, 'roles revoke @Bob Smith', {}, [BOB]));
      expect(await h.deps.store.roles.roleOf(h.account.id, `teams:${BOB.aad}`)).toBeNull();
    });
  });
});
