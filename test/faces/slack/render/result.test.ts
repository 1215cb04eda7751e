import { describe, expect, it } from 'vitest';
import { renderError, renderResult } from '../../../../src/faces/slack/render/result.ts';
import type { ChatResult } from '../../../../src/faces/chat/run-chat-command.ts';
import { CHAT_HELP } from '../../../../src/commands/registry.ts';
import { CommandError, ERROR_CODES } from '../../../../src/core/errors.ts';
import { approval, byKind, hoursAgo, integrationView, iso, listed, runFailure, runView, testReport } from '../../../support/chat-results.ts';
import { allText, sectionTexts, withinLimits } from './slack-limits.ts';

type Verb = ChatResult['verb'];

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
  approve: [{ verb: 'approve', decision: { request: approval({ status: 'approved', decidedBy: 'slack:U0ADMIN', decidedAt: hoursAgo(0) }), integration: 'corp-old', applied: byKind({ delete_user: 1200 }), blockedBy: [] } }],
  reject: [{ verb: 'reject', decision: { request: approval({ status: 'rejected', decidedBy: 'slack:U0ADMIN', decidedAt: hoursAgo(0), note: 'not <now> & not me' }), integration: 'corp-old', applied: byKind({}), blockedBy: [] } }],
  alerts: [{ verb: 'alerts', destination: { platform: 'slack', mode: 'here', channel: 'C0ALERTS' } }],
  alerts_status: [{ verb: 'alerts_status', status: { platform: 'slack', stored: false, channel: null, setBy: null, setAt: null } }],
  roles: [{ verb: 'roles', roles: { bindings: [{ identity: 'slack:U0ADMIN', role: 'admin', grantedBy: 'cli:root', grantedAt: iso(hoursAgo(10)) }] } }],
  role_granted: [{ verb: 'role_granted', grant: { identity: 'slack:U0OPS', role: 'operator', previous: null } }],
  role_revoked: [{ verb: 'role_revoked', revoke: { identity: 'teams:aad-1', previous: 'admin' } }],
};

const EXPECT: Record<Verb, string> = {
  help: '/dirsync list',
  list: 'corp-ad',
  test: 'connection test passed',
  sync: 'Sync #42 of *corp-ad* queued',
  enable: 'enabled (was in error)',
  disable: 'every destructive change of this account',
  delete: 'Deletion of *corp-old* requested as #12',
  pending: 'Nothing is pending',
  history: '#41',
  approve: 'Approved #12',
  reject: 'Rejected #12',
  alerts: 'Alerts for this account will be posted in <#C0ALERTS>',
  alerts_status: 'not set here',
  roles: '<@U0ADMIN> — *admin*',
  role_granted: '<@U0OPS> is now *operator*',
  role_revoked: 'no longer has the admin role',
};

describe('renderResult', () => {
  for (const [verb, results] of Object.entries(RESULTS) as [Verb, ChatResult[]][]) {
    it(`renders ${verb} within Slack's limits`, () => {
      for (const result of results) {
        const message = withinLimits(renderResult(result));
        expect(message.text.length).toBeGreaterThan(0);
      }
      expect(allText(renderResult(results[0]!))).toContain(EXPECT[verb]);
    });
  }

  it('puts the problem first in help, then every command, then the roles', () => {
    const message = withinLimits(renderResult(RESULTS.help[1]!));
    expect(sectionTexts(message)[0]).toBe('⚠️ `sink` is not a dirsync command. Did you mean `sync`?');
    const text = allText(message);
    for (const entry of CHAT_HELP) expect(text).toContain(`\`/dirsync ${entry.usage.replace(/</g, '&lt;').replace(/>/g, '&gt;')}\``);
    expect(text).toContain('`/dirsync test &lt;name&gt;` — Test stage by stage: what broke, why, what to check _(operator)_');
    expect(JSON.stringify(message.blocks.at(-1))).toContain('Roles: viewer reads, operator tests/syncs/enables, admin approves and manages roles');
    expect(allText(withinLimits(renderResult(RESULTS.help[0]!)))).not.toContain('⚠️');
  });
});

describe('renderError', () => {
  const WORDS: Record<(typeof ERROR_CODES)[number], string> = {
    not_found: 'Not found',
    forbidden: 'Not allowed',
    validation: 'Invalid input',
    failed_precondition: 'Cannot do that now',
    conflict: 'Conflict',
    unavailable: 'Unavailable',
    rate_limited: 'Too many attempts',
    internal: 'Something went wrong',
  };
  it('says every code in words, with the message', () => {
    for (const code of ERROR_CODES) {
      const message = withinLimits(renderError(new CommandError(code, `integration "corp-ad" <${code}>`)));
      expect(sectionTexts(message)[0]).toContain(`*${WORDS[code]}`);
      expect(allText(message)).toContain(`integration "corp-ad" &lt;${code}&gt;`);
    }
  });
  it('lists each invalid field with its message and the fix as code', () => {
    const error = new CommandError('validation', '2 invalid fields', [
      { field: 'baseDns.0', message: 'the / in OU=Docs/KB must be escaped', fix: 'OU=Docs\\2FKB,DC=corp' },
      { field: 'bindDn', message: `${'<b>'} is not a DN` },
    ]);
    const text = allText(withinLimits(renderError(error)));
    expect(text).toContain('*Invalid input*');
    expect(text).toContain('• `baseDns.0`: the / in OU=Docs/KB must be escaped — use `OU=Docs\\2FKB,DC=corp`');
    expect(text).toContain('• `bindDn`: &lt;b&gt; is not a DN');
  });
  it('tells a refused person how roles work', () => {
    const text = allText(withinLimits(renderError(new CommandError('forbidden', 'Approving a request needs the admin role; slack:U1 has viewer'))));
    expect(text).toContain('admin approves');
    expect(text).toContain('/dirsync roles');
  });
});
