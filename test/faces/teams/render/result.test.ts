import { describe, expect, it } from 'vitest';
import { ERROR_MARK, ERROR_TITLE, ROLES_FOOTER } from '../../../../src/presenters/words.ts';
import { renderError, renderHelp, renderResult } from '../../../../src/faces/teams/render/result.ts';
import type { ChatResult } from '../../../../src/faces/chat/run-chat-command.ts';
import { CHAT_HELP } from '../../../../src/commands/registry.ts';
import { CommandError, ERROR_CODES } from '../../../../src/core/errors.ts';
import { approval, byKind, hoursAgo, integrationView, iso, listed, runFailure, runView, testReport } from '../../../support/chat-results.ts';
import { actions, allText, readable, textBlocks, withinLimits } from './card-limits.ts';

type Verb = ChatResult['verb'];

const ADMIN = 'teams:00000000-0000-0000-0000-00000000ad01';
const names = { [ADMIN]: 'Ada Admin' };

// A Record over every verb: a new verb in ChatResult fails to compile here until it has a fixture.
const RESULTS: { [V in Verb]: (ChatResult & { verb: V })[] } = {
  help: [{ verb: 'help' }, { verb: 'help', problem: '`sink` is not a dirsync command. Did you mean `sync`?' }],
  list: [{ verb: 'list', integrations: [listed(), listed({ name: 'lab', state: 'error', held: 3 })] }, { verb: 'list', integrations: [] }],
  test: [{ verb: 'test', report: testReport() }],
  sync: [{ verb: 'sync', all: false, runs: [{ integration: 'corp-ad', run: 42, joined: false }] }, { verb: 'sync', all: true, runs: [{ integration: 'corp-ad', run: 42, joined: false }, { integration: 'hq', run: 40, joined: true }] }],
  enable: [{ verb: 'enable', change: { integration: integrationView(), changed: true, previousState: 'error', note: null } }],
  disable: [{ verb: 'disable', change: { integration: integrationView({ state: 'disabled', stateReason: 'migration <weekend>' }), changed: true, previousState: 'enabled', note: null } }],
  delete: [{ verb: 'delete', delete: { request: approval(), created: true, integration: 'corp-old' } }],
  pending: [{ verb: 'pending', name: null, pending: { changes: [], approvals: [], lingering: [], certificates: [] } }],
  history: [{ verb: 'history', history: { integration: 'corp-ad', runs: [runView(), runView({ run: 41, status: 'failed', counts: null, destructive: null, failure: runFailure() })] } }],
  approve: [{ verb: 'approve', decision: { request: approval({ status: 'approved', decidedBy: ADMIN, decidedAt: hoursAgo(0) }), integration: 'corp-old', applied: byKind({ delete_user: 1200 }), blockedBy: [] } }],
  reject: [{ verb: 'reject', decision: { request: approval({ status: 'rejected', decidedBy: ADMIN, decidedAt: hoursAgo(0), note: 'not <now> & not me' }), integration: 'corp-old', applied: byKind({}), blockedBy: [] } }],
  alerts: [{ verb: 'alerts', destination: { platform: 'teams', mode: 'here', channel: '19:abc@thread.tacv2' } }, { verb: 'alerts', destination: { platform: 'teams', mode: 'off', channel: null } }],
  alerts_status: [{ verb: 'alerts_status', status: { platform: 'teams', stored: false, channel: null, setBy: null, setAt: null } }],
  roles: [{ verb: 'roles', roles: { bindings: [{ identity: ADMIN, role: 'admin', grantedBy: 'cli:root', grantedAt: iso(hoursAgo(10)) }] } }],
  role_granted: [{ verb: 'role_granted', grant: { identity: 'teams:00000000-0000-0000-0000-0000000f0f0f', role: 'operator', previous: null } }],
  role_revoked: [{ verb: 'role_revoked', revoke: { identity: ADMIN, previous: 'admin' } }],
};

// What a reader sees (escapes undone, bold marks dropped, dates as ⌚).
const EXPECT: Record<Verb, string> = {
  help: '@dirsync list',
  list: 'corp-ad (active_directory)',
  test: 'corp-ad: connection test passed with 1 warning',
  sync: '⏳ Sync #42 of corp-ad queued.',
  enable: 'corp-ad enabled (was in error).',
  disable: 'every destructive change of this account',
  delete: '🗑️ Deletion of corp-old requested as #12.',
  pending: '✅ Nothing is pending',
  history: '❌ #41 ⌚ · manual by Slack user U024BE7LH · failed in 12.3 s · credential / invalid_credentials',
  approve: '✅ Approved #12 to delete integration corp-old, by Ada Admin ⌚.',
  reject: '❌ Rejected #12 to delete integration corp-old, by Ada Admin ⌚. Nothing was changed.\n\n_“not <now> & not me”_',
  alerts: 'Alerts for this account will be posted in this conversation',
  alerts_status: 'not set here',
  roles: '• Ada Admin — admin (granted by root (CLI) ⌚)',
  role_granted: '✅ a Teams user (…0f0f0f) is now operator (was a viewer by default).',
  role_revoked: 'Ada Admin no longer has the admin role',
};

describe('renderResult', () => {
  for (const [verb, results] of Object.entries(RESULTS) as [Verb, ChatResult[]][]) {
    it(`renders ${verb} as a valid card within Teams' limits`, () => {
      for (const result of results) withinLimits(renderResult(result, { names }));
      expect(readable(withinLimits(renderResult(results[0]!, { names })))).toContain(EXPECT[verb]);
    });
  }

  it('has no buttons on command replies: the cards that need them are posted on their own', () => {
    for (const results of Object.values(RESULTS)) for (const result of results) expect(actions(withinLimits(renderResult(result)))).toEqual([]);
  });

  it('names people without a names map by the kind of identity', () => {
    expect(readable(withinLimits(renderResult(RESULTS.approve[0]!)))).toContain('by a Teams user (…00ad01)');
  });
});

describe('renderHelp', () => {
  it('puts the problem first, then every command as @dirsync <usage>, the personal-chat hint and the roles', () => {
    const message = withinLimits(renderHelp('`sink` is not a dirsync command. Did you mean `sync`?'));
    expect(textBlocks(message)[0]).toBe('⚠️ **sink** is not a dirsync command. Did you mean **sync**?');
    expect(message.summary).toBe('⚠️ sink is not a dirsync command. Did you mean sync?');
    const text = allText(message);
    for (const entry of CHAT_HELP) expect(readable(message)).toContain(`@dirsync ${entry.usage} — ${entry.summary} _(${entry.role})_`);
    expect(text).toContain('**@dirsync test \\<name\\>** — Test stage by stage: what broke, why, what to check _(operator)_');
    expect(text).toContain('In a personal chat with dirsync, the @dirsync mention is not needed');
    expect(textBlocks(message).at(-1)).toBe(ROLES_FOOTER);
    expect(allText(withinLimits(renderHelp()))).not.toContain('⚠️');
  });
});

describe('renderError', () => {
  it('says every code in words, with the message made safe', () => {
    for (const code of ERROR_CODES) {
      const message = withinLimits(renderError(new CommandError(code, `integration "corp-ad" <${code}>`)));
      expect(textBlocks(message)[0]).toBe(`${ERROR_MARK[code]} **${ERROR_TITLE[code]}**: integration "corp-ad" \\<${code}\\>`);
      expect(message.summary).toBe(`${ERROR_TITLE[code]}: integration "corp-ad" <${code}>`);
    }
  });
  it('lists each invalid field with its message and the fix', () => {
    const error = new CommandError('validation', '2 invalid fields', [
      { field: 'baseDns.0', message: 'the / in OU=Docs/KB must be escaped', fix: 'OU=Docs\\2FKB,DC=corp' },
      { field: 'bindDn', message: '<b> is not a DN' },
    ]);
    const text = readable(withinLimits(renderError(error)));
    expect(text).toContain('Invalid input');
    expect(text).toContain('• baseDns.0: the / in OU=Docs/KB must be escaped — use OU=Docs\\2FKB,DC=corp');
    expect(text).toContain('• bindDn: <b> is not a DN');
  });
  it('tells a refused person how roles work, and an unlucky one that it was logged', () => {
    const text = allText(withinLimits(renderError(new CommandError('forbidden', 'Approving a request needs the admin role; teams:x has viewer'))));
    expect(text).toContain('admin approves');
    expect(text).toContain('**@dirsync roles**');
    expect(allText(withinLimits(renderError(new CommandError('internal', 'boom'))))).toContain('logged on the dirsync server');
  });
  it('keeps a hundred invalid fields within the card', () => {
    const issues = Array.from({ length: 100 }, (_, i) => ({ field: `f${i}`, message: 'x'.repeat(300) }));
    expect(readable(withinLimits(renderError(new CommandError('validation', '100 invalid fields', issues))))).toContain('…and 80 more');
  });
});
