import { describe, expect, it } from 'vitest';
import { CHAT_HELP, CHAT_TEXT_LIMITS, chatTextTooLong, parseChatCommand } from '../../src/core/command-grammar.ts';

const mention = (t: string) => (/^<@(U\w+)(\|[^>]*)?>$/.exec(t) ? `slack:${/^<@(U\w+)/.exec(t)![1]}` : null);

describe('the chat grammar', () => {
  it.each([
    ['help', { verb: 'help' }],
    ['', { verb: 'help' }],
    ['list', { verb: 'list' }],
    ['LIST', { verb: 'list' }],
    ['test corp-ad', { verb: 'test', name: 'corp-ad' }],
    ['  sync   corp-ad ', { verb: 'sync', name: 'corp-ad' }],
    ['sync all', { verb: 'sync_all' }],
    ['sync ALL', { verb: 'sync_all' }],
    ['enable corp-ad', { verb: 'enable', name: 'corp-ad' }],
    ['disable corp-ad', { verb: 'disable', name: 'corp-ad' }],
    ['disable corp-old migrated to corp-ad', { verb: 'disable', name: 'corp-old', reason: 'migrated to corp-ad' }],
    ['delete corp-old', { verb: 'delete', name: 'corp-old' }],
    ['pending', { verb: 'pending' }],
    ['pending corp-ad', { verb: 'pending', name: 'corp-ad' }],
    ['history corp-ad', { verb: 'history', name: 'corp-ad' }],
    ['approve 12', { verb: 'approve', id: '12' }],
    ['approve #12', { verb: 'approve', id: '#12' }],
    ['reject 12 not yet, wait for HR', { verb: 'reject', id: '12', note: 'not yet, wait for HR' }],
    ['alerts here', { verb: 'alerts', mode: 'here' }],
    ['alerts off', { verb: 'alerts', mode: 'off' }],
    ['alerts', { verb: 'alerts', mode: 'status' }],
    ['roles', { verb: 'roles', action: 'list' }],
    ['roles grant <@U024BE7LH|bob> operator', { verb: 'roles', action: 'grant', identity: 'slack:U024BE7LH', role: 'operator' }],
    ['roles grant web:alice ADMIN', { verb: 'roles', action: 'grant', identity: 'web:alice', role: 'admin' }],
    ['roles revoke <@U024BE7LH>', { verb: 'roles', action: 'revoke', identity: 'slack:U024BE7LH' }],
  ])('%j', (text, expected) => {
    expect(parseChatCommand(text, { mention })).toEqual(expected);
  });

  it('turns what it cannot read into help that says what was wrong', () => {
    expect(parseChatCommand('test')).toEqual({ verb: 'help', problem: '`test` needs an integration name, e.g. `test corp-ad`' });
    expect(parseChatCommand('approve')).toMatchObject({ verb: 'help', problem: expect.stringContaining('approve 12') });
    expect(parseChatCommand('sync a b')).toMatchObject({ verb: 'help', problem: expect.stringContaining('sync <name>') });
    expect(parseChatCommand('alerts everywhere')).toMatchObject({ verb: 'help', problem: expect.stringContaining('here') });
    expect(parseChatCommand('roles grant <@U1> superuser')).toMatchObject({ verb: 'help', problem: expect.stringContaining('viewer|operator|admin') });
  });

  it('suggests the command meant when one is mistyped, and nothing when nothing is close', () => {
    expect(parseChatCommand('snyc corp-ad')).toEqual({ verb: 'help', problem: '`snyc` is not a dirsync command. Did you mean `sync`?' });
    expect(parseChatCommand('hist corp-ad')).toMatchObject({ problem: expect.stringContaining('`history`') });
    expect(parseChatCommand('pend')).toMatchObject({ problem: expect.stringContaining('`pending`') });
    expect(parseChatCommand('xyzzy')).toEqual({ verb: 'help', problem: '`xyzzy` is not a dirsync command.' });
  });

  it('documents every verb it accepts in the help', () => {
    const usages = CHAT_HELP.map((h) => h.usage.split(' ')[0]);
    for (const verb of ['list', 'test', 'sync', 'enable', 'disable', 'delete', 'pending', 'history', 'approve', 'reject', 'alerts', 'roles', 'help']) {
      expect(usages).toContain(verb);
    }
  });

  it("refuses text longer than Slack's or Teams' own limit with help saying so, and passes anything shorter", () => {
    expect(CHAT_TEXT_LIMITS).toEqual({ slack: 40_000, teams: 28_672 });
    expect(chatTextTooLong('x'.repeat(40_000), 'slack')).toBeNull();
    expect(chatTextTooLong('x'.repeat(28_672), 'teams')).toBeNull();
    expect(chatTextTooLong(`sync ${'x'.repeat(39_996)}`, 'slack')).toEqual({
      verb: 'help',
      problem: 'this message is 40,001 characters long, more than Slack lets anyone send (40,000), so dirsync did not read it. Commands are a few words, e.g. `sync corp-ad`.',
    });
    expect(chatTextTooLong('x'.repeat(1_000_000), 'teams')).toMatchObject({ problem: expect.stringContaining('1,000,000 characters long, more than Teams lets anyone send (28,672)') });
  });
});
