import { describe, expect, it } from 'vitest';
import { presentChatResult } from '../support/chat-result.ts';
import { presentError, presentHelp } from '../../src/presenters/help.ts';
import { CHAT_HELP } from '../../src/commands/registry.ts';
import { CommandError, ERROR_CODES } from '../../src/core/errors.ts';
import { ERROR_MARK, ERROR_TITLE, ROLES_FOOTER } from '../../src/presenters/words.ts';
import type { ChatResult } from '../support/chat-result.ts';
import { CHAT_RESULTS } from '../support/all-messages.ts';
import { messageText, partsOf, summaryText } from '../support/message-text.ts';

type Verb = ChatResult['verb'];
const lines = (r: ChatResult) => messageText(presentChatResult(r)).split('\n');

// What the first fixture of each verb must say; a Record, so a new verb needs one.
const SAYS: Record<Verb, string> = {
  help: '⟨test <name>⟩ — Test stage by stage: what broke, why, what to check _(operator)_',
  list: '🟢 *corp-ad* (active_directory)\nlast run #42 succeeded 2026-11-20 10:00 UTC, 1,200 users · next 2026-11-20 13:00 UTC',
  test: '# ✅ corp-ad: connection test passed with 1 warning',
  sync: '⏳ Sync #42 of *corp-ad* queued.',
  enable: '🟢 *corp-ad* enabled (was in error).',
  disable: '⚪ *corp-ad* disabled (was enabled).',
  delete: '🗑️ Deletion of *corp-old* requested as #12.',
  pending: '✅ Nothing is pending: no held changes, no open approval requests, no lingering integrations, no expiring certificates.',
  history: '❌ *#41* 2026-11-20 11:00 UTC · manual by @slack:U024BE7LH on dirsync agent · failed in 12.3 s · credential / invalid_credentials',
  approve: '✅ Approved #12 to delete integration *corp-old*, by @slack:U0ADMIN 2026-11-20 12:00 UTC.',
  reject: '❌ Rejected #12 to delete integration *corp-old*, by @teams:00000000-0000-0000-0000-00000000ad01 2026-11-20 12:00 UTC. Nothing was changed.',
  alerts: '(⟨alerts off⟩ stops them.)',
  alerts_status: '🔔 Alerts for this account go to #C0ALERTS (set by @slack:U0ADMIN 2026-11-20 09:00 UTC): failed syncs (credential, connection, TLS, encoding, configuration), lingering disabled integrations and expiring certificates.',
  roles: '• @slack:U0ADMIN — *admin* (granted by @cli:root 2026-11-19 16:00 UTC)',
  role_granted: '✅ @slack:U0OPS is now *operator* (was a viewer by default).',
  role_revoked: '✅ @web:bob no longer has the admin role: a viewer now, like everyone without a role.',
};

describe('presentChatResult', () => {
  for (const verb of Object.keys(SAYS) as Verb[]) {
    it(`says what ${verb} did, with a summary and no buttons`, () => {
      expect(messageText(presentChatResult(CHAT_RESULTS[verb][0]!))).toContain(SAYS[verb]);
      for (const result of CHAT_RESULTS[verb]) {
        const m = presentChatResult(result);
        expect(summaryText(m).length).toBeGreaterThan(0);
        expect(m.buttons).toEqual([]);
      }
    });
  }
});

describe('help', () => {
  it('puts the problem first, as a warning, then every command with its role, the Teams hint and the roles', () => {
    const m = presentHelp(CHAT_HELP, '`sink` is not a dirsync command. Did you mean `sync`?');
    expect(summaryText(m)).toBe('⚠️ `sink` is not a dirsync command. Did you mean `sync`?');
    expect(m.parts[0]).toEqual({ kind: 'text', lines: [['⚠️ ', { mark: 'phrase', text: '`sink` is not a dirsync command. Did you mean `sync`?' }]], tone: 'warning' });
    const text = messageText(m).split('\n');
    for (const entry of CHAT_HELP) expect(text).toContain(`⟨${entry.usage}⟩ — ${entry.summary} _(${entry.role})_`);
    expect(text.at(-2)).toBe('(teams only: In a personal chat with dirsync, the @dirsync mention is not needed: type the command alone.)');
    expect(text.at(-1)).toBe(`(${ROLES_FOOTER})`);
    expect(messageText(presentHelp(CHAT_HELP))).not.toContain('⚠️');
  });
});

describe('errors', () => {
  it('say every code in words, with its mark and the message, the internal one in the tone of a fault', () => {
    for (const code of ERROR_CODES) {
      const m = presentError(new CommandError(code, 'integration "corp-ad" <x>'));
      expect(messageText(m).split('\n')[0]).toBe(`${ERROR_MARK[code]} *${ERROR_TITLE[code]}*: integration "corp-ad" <x>`);
      expect(summaryText(m)).toBe(`${ERROR_TITLE[code]}: integration "corp-ad" <x>`);
      expect(partsOf(m, 'text')[0]!.tone).toBe(code === 'internal' ? 'bad' : 'neutral');
    }
  });
  it('list each invalid field with its message and the fix, at most twenty', () => {
    const error = new CommandError('validation', '2 invalid fields', [
      { field: 'baseDns.0', message: 'the / in OU=Docs/KB must be escaped', fix: 'OU=Docs\\2FKB,DC=corp' },
      { field: 'bindDn', message: '<b> is not a DN' },
    ]);
    expect(messageText(presentError(error)).split('\n').slice(1)).toEqual(['• `baseDns.0`: the / in OU=Docs/KB must be escaped — use `OU=Docs\\2FKB,DC=corp`', '• `bindDn`: <b> is not a DN']);
    const many = presentError(new CommandError('validation', '100 invalid fields', Array.from({ length: 100 }, (_, i) => ({ field: `f${i}`, message: 'x' }))));
    expect(messageText(many).split('\n').at(-1)).toBe('…and 80 more');
  });
  it('tell a refused person how roles work, and an unlucky one that it was logged', () => {
    expect(messageText(presentError(new CommandError('forbidden', 'Approving a request needs the admin role')))).toContain(`(${ROLES_FOOTER}. ⟨roles⟩ shows who holds which.)`);
    expect(messageText(presentError(new CommandError('internal', 'boom')))).toContain('(The details were logged on the dirsync server.)');
    expect(messageText(presentError(new CommandError('conflict', 'x')))).not.toContain('(');
  });
});

describe('list', () => {
  it('gives each integration its state, kind, last run, next run, open changes and first warning', () => {
    const text = lines(CHAT_RESULTS.list[0]!).join('\n');
    expect(text).toContain('*3 integrations* · 🔴 1 in error · ⚪ 1 disabled');
    expect(text).toContain('🔴 *lab* (openldap) · *in error* since 2026-11-16 08:00 UTC — bind a <b>&c *d* _e_ `f` [g](h) {{DATE(x)}} <!channel> <@U1>\nlast run #9 failed 2026-11-20 11:00 UTC: credential / invalid_credentials · next 2026-11-20 13:00 UTC · 5 held, 640 awaiting approval\n⚠️ a <b>&c');
    expect(text).toContain('<@U1> (+1 more)');
    expect(text).toContain('⚪ *old* (active_directory) · *disabled* since 2026-11-16 08:00 UTC\nnever synced · no scheduled run');
    expect(summaryText(presentChatResult(CHAT_RESULTS.list[0]!))).toBe('3 integrations, 1 in error');
  });
  it('says how to add one when there is none, and stops at 40 with a hint', () => {
    expect(lines(CHAT_RESULTS.list[1]!)).toEqual(['No integrations yet. Add one on the CLI: `dirsync integrations add --help`']);
    expect(lines(CHAT_RESULTS.list[2]!).at(-1)).toBe('…and 110 more — `dirsync integrations list` on the CLI shows all');
  });
});

describe('sync, enable, disable', () => {
  it('says a sync was queued or joined, and lists a sync all', () => {
    expect(summaryText(presentChatResult(CHAT_RESULTS.sync[0]!))).toBe('Sync #42 of corp-ad queued');
    expect(lines(CHAT_RESULTS.sync[1]!)).toEqual(['🔁 Sync #41 of *corp_ad* joined the run already queued or running.']);
    expect(lines(CHAT_RESULTS.sync[2]!)).toEqual(['Nothing was queued.']);
    expect(lines(CHAT_RESULTS.sync[3]!)).toEqual(['*Sync all*: 1 run queued, 1 joined a run already queued or running', '⏳ *corp-ad*: sync #42 queued', '🔁 *hq*: joined sync #40, already queued or running', '(Disabled integrations are skipped.)']);
    expect(lines(CHAT_RESULTS.sync[4]!)).toEqual(['Nothing to sync: there is no integration that is not disabled.']);
    expect(lines(CHAT_RESULTS.sync[5]!)).toContain('…and 340 more');
  });
  it('says when held changes apply after an enable, and that a disable holds the whole account', () => {
    expect(lines(CHAT_RESULTS.enable[0]!)[1]).toBe('Changes it was holding back apply with the next successful sync of each integration (⟨sync all⟩ to run them now).');
    expect(lines(CHAT_RESULTS.enable[1]!)).toEqual(['🟢 *corp-ad*: nothing to do, it is already enabled.']);
    expect(summaryText(presentChatResult(CHAT_RESULTS.enable[1]!))).toBe('corp-ad unchanged (enabled)');
    const disabled = lines(CHAT_RESULTS.disable[0]!);
    expect(disabled[1]).toMatch(/^Reason: DC a <b>&c/);
    expect(disabled[2]).toBe('⚠️ While any integration is disabled, every destructive change of this account (group removals, address-type changes, user deletions and purges, for every integration) is held. Re-enable it with ⟨enable corp-ad⟩, or delete it with ⟨delete corp-ad⟩ if it is gone for good.');
  });
});

describe('delete, approve, reject', () => {
  it('says a deletion was requested (or existed), its impact, and who must approve', () => {
    expect(lines(CHAT_RESULTS.delete[0]!)).toEqual([
      '🗑️ Deletion of *corp-old* requested as #12.',
      '*Impact:* deleting it removes 1,200 users, 40 groups, 3,000 memberships from dirsync.',
      'As destructive changes: 3,000 group removals, 1,200 user deletions.',
      'An admin other than @slack:U0REQUESTER must approve it: the approval card with Approve and Reject buttons is posted separately, or use ⟨approve 12⟩. Nothing is deleted until then; unanswered, the request expires 2026-11-21 10:00 UTC.',
      '(Changed your mind? ⟨reject 12⟩ withdraws it.)',
    ]);
    expect(lines(CHAT_RESULTS.delete[1]!)[0]).toBe('🗑️ A deletion request for *corp-old* already exists: #12, requested by @slack:U0REQUESTER 2026-11-20 10:00 UTC. Nothing new was raised.');
  });
  it('says who decided, what was applied per kind, what still holds the rest, and the note', () => {
    expect(lines(CHAT_RESULTS.approve[0]!).slice(1)).toEqual(['*corp-old* is deleted; its 1,200 users, 40 groups, 3,000 memberships leave through the gate like any destructive change.', 'Applied now: 1,200 user deletions.']);
    expect(lines(CHAT_RESULTS.approve[1]!).slice(1)).toEqual(['Nothing was applied yet.', '⏸ Still held while *lab*, *hq* are disabled or in error: the approved changes apply once they recover.']);
    expect(summaryText(presentChatResult(CHAT_RESULTS.approve[1]!))).toMatch(/: still held by blocking integrations$/);
    expect(lines(CHAT_RESULTS.reject[0]!)[1]).toBe('“a <b>&c *d* _e_ `f` [g](h) {{DATE(x)}} <!channel> <@U1>”');
    expect(lines(CHAT_RESULTS.reject[1]!)).toEqual(['↩️ Withdrew request #12 to delete integration *corp-old*. Nothing was changed.']);
    expect(lines(CHAT_RESULTS.reject[2]!)).toEqual(['❌ Request is expired: #12 to delete integration *corp-old*, by someone. Nothing was changed.']);
  });
});

describe('alerts and roles', () => {
  it('names the channel alerts go to (the one it was said in), who set it, or that they are off', () => {
    expect(summaryText(presentChatResult(CHAT_RESULTS.alerts[0]!))).toBe('Alerts for this account will be posted in #C0ALERTS (here)');
    expect(lines(CHAT_RESULTS.alerts[2]!)).toEqual(['🔕 Alerts are off on Slack.', '(⟨alerts here⟩ in a channel sends them there.)']);
    expect(lines(CHAT_RESULTS.alerts_status[3]!)[0]).toBe('🔕 Alerts are off on Teams (set by @cli:root 2026-11-20 09:00 UTC).');
    expect(lines(CHAT_RESULTS.alerts_status[4]!)[0]).toBe('🔕 Alert channel on Slack: not set here. Alerts go to the default channel dirsync was configured with, if there is one.');
  });
  it('lists roles admins first, explains the empty list, and confirms grants and revocations', () => {
    expect(lines(CHAT_RESULTS.roles[0]!).slice(0, 4)).toEqual([
      '*Roles in this account* (anyone not listed is a viewer)',
      '• @slack:U0ADMIN — *admin* (granted by @cli:root 2026-11-19 16:00 UTC)',
      '• @teams:aad-<1> — *operator* (granted by @teams:00000000-0000-0000-0000-00000000ad01 2026-11-20 10:00 UTC)',
      '• @web:bob — *viewer* (granted by @config:DIRSYNC_ADMINS 2026-11-19 16:00 UTC)',
    ]);
    expect(lines(CHAT_RESULTS.roles[1]!)[0]).toBe('No roles granted: everyone in chat and on the dashboard is a viewer. An admin grants one with ⟨roles grant @person operator⟩, or on the CLI with `dirsync roles grant <identity> admin` (slack:<user id>, teams:<Entra object id> or web:<login>).');
    expect(lines(CHAT_RESULTS.roles[2]!)).toContain('…and 260 more');
    expect(lines(CHAT_RESULTS.role_granted[1]!)[0]).toBe('✅ @teams:00000000-0000-0000-0000-00000000ad01 is now *admin* (was operator).');
  });
});
