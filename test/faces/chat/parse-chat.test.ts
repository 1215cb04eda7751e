import { describe, expect, it } from 'vitest';
import { CHAT_TEXT_LIMITS, chatTextTooLong } from '../../../src/core/command-grammar.ts';
import { CHAT_HELP } from '../../../src/commands/registry.ts';
import { parseChat } from '../../../src/faces/chat/run-chat-command.ts';

const mention = (t: string) => (/^<@(U\w+)(\|[^>]*)?>$/.exec(t) ? `slack:${/^<@(U\w+)/.exec(t)![1]}` : null);
const command = (id: string, values: Record<string, string> = {}) => ({ kind: 'command', id, values });

describe('the chat grammar, read from the command registry', () => {
  it.each([
    ['help', { kind: 'help' }],
    ['', { kind: 'help' }],
    ['list', command('list')],
    ['LIST', command('list')],
    ['test corp-ad', command('test', { name: 'corp-ad' })],
    ['  sync   corp-ad ', command('sync', { name: 'corp-ad' })],
    ['sync all', command('sync all')],
    ['sync ALL', command('sync all')],
    ['enable corp-ad', command('enable', { name: 'corp-ad' })],
    ['disable corp-ad', command('disable', { name: 'corp-ad' })],
    ['disable corp-old migrated to corp-ad', command('disable', { name: 'corp-old', reason: 'migrated to corp-ad' })],
    ['delete corp-old', command('delete', { name: 'corp-old' })],
    ['pending', command('pending')],
    ['pending corp-ad', command('pending', { name: 'corp-ad' })],
    ['history corp-ad', command('history', { name: 'corp-ad' })],
    ['approve 12', command('approve', { id: '12' })],
    ['approve #12', command('approve', { id: '#12' })],
    ['reject 12 not yet, wait for HR', command('reject', { id: '12', note: 'not yet, wait for HR' })],
    ['alerts here', command('alerts here')],
    ['alerts off', command('alerts off')],
    ['alerts', command('alerts')],
    ['roles', command('roles')],
    ['roles grant <@U024BE7LH|bob> operator', command('roles grant', { identity: 'slack:U024BE7LH', role: 'operator' })],
    ['roles grant web:alice ADMIN', command('roles grant', { identity: 'web:alice', role: 'admin' })],
    ['roles revoke <@U024BE7LH>', command('roles revoke', { identity: 'slack:U024BE7LH' })],
  ])('%j', (text, expected) => {
    expect(parseChat(text, { mention })).toEqual(expected);
  });

  it('turns what it cannot read into help that says what was wrong', () => {
    expect(parseChat('test')).toEqual({ kind: 'help', problem: '`test` needs an integration name, e.g. `test corp-ad`' });
    expect(parseChat('approve')).toMatchObject({ kind: 'help', problem: expect.stringContaining('approve 12') });
    expect(parseChat('sync a b')).toMatchObject({ kind: 'help', problem: expect.stringContaining('sync <name>') });
    expect(parseChat('alerts everywhere')).toMatchObject({ kind: 'help', problem: expect.stringContaining('here') });
    expect(parseChat('roles grant <@U1> superuser')).toMatchObject({ kind: 'help', problem: expect.stringContaining('viewer|operator|admin') });
    expect(parseChat('roles grant')).toMatchObject({ kind: 'help', problem: expect.stringContaining('`roles grant` needs a person') });
    expect(parseChat('list everything')).toEqual({ kind: 'help', problem: 'too many words after `list`: the form is `list`' });
    // Only what chat offers: CLI-only commands are not chat commands.
    expect(parseChat('users add alice')).toMatchObject({ kind: 'help', problem: expect.stringContaining('is not a dirsync command') });
  });

  it('suggests the command meant when one is mistyped, and nothing when nothing is close', () => {
    expect(parseChat('snyc corp-ad')).toEqual({ kind: 'help', problem: '`snyc` is not a dirsync command. Did you mean `sync`?' });
    expect(parseChat('hist corp-ad')).toMatchObject({ problem: expect.stringContaining('`history`') });
    expect(parseChat('pend')).toMatchObject({ problem: expect.stringContaining('`pending`') });
    expect(parseChat('xyzzy')).toEqual({ kind: 'help', problem: '`xyzzy` is not a dirsync command.' });
  });

  it('documents every verb it accepts in the help', () => {
    const usages = CHAT_HELP.map((h) => h.usage.split(' ')[0]);
    for (const verb of ['list', 'test', 'sync', 'enable', 'disable', 'delete', 'pending', 'history', 'approve', 'reject', 'alerts', 'roles', 'help']) {
      expect(usages).toContain(verb);
    }
    expect(CHAT_HELP.map((h) => h.usage)).toContain('disable <name> [reason]');
    expect(CHAT_HELP.map((h) => h.usage)).toContain('roles grant <who> <viewer|operator|admin>');
  });

  it("refuses text longer than Slack's or Teams' own limit with help saying so, and passes anything shorter", () => {
    expect(CHAT_TEXT_LIMITS).toEqual({ slack: 40_000, teams: 28_672 });
    expect(chatTextTooLong('x'.repeat(40_000), 'slack')).toBeNull();
    expect(chatTextTooLong('x'.repeat(28_672), 'teams')).toBeNull();
    expect(chatTextTooLong(`sync ${'x'.repeat(39_996)}`, 'slack')).toEqual({
      kind: 'help',
      problem: 'this message is 40,001 characters long, more than Slack lets anyone send (40,000), so dirsync did not read it. Commands are a few words, e.g. `sync corp-ad`.',
    });
    expect(chatTextTooLong('x'.repeat(1_000_000), 'teams')).toMatchObject({ problem: expect.stringContaining('1,000,000 characters long, more than Teams lets anyone send (28,672)') });
  });
});
