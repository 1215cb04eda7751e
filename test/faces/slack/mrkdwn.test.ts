import { describe, expect, it } from 'vitest';
import { channelRef, clipMrkdwn, code, codeBlock, escape, mrkdwn, plain, when, who } from '../../../src/faces/slack/mrkdwn.ts';
import { at, bold, br, channel, code as codeMark, command, italic, phrase, quote, rich, who as person } from '../../../src/presenters/message.ts';
import { NASTY_DN } from '../../support/chat-results.ts';

describe('escape', () => {
  it('turns the three mrkdwn control characters into entities, & first', () => {
    expect(escape('<b>&</b>')).toBe('&lt;b&gt;&amp;&lt;/b&gt;');
    expect(escape('&lt;')).toBe('&amp;lt;');
    expect(escape(NASTY_DN)).toContain('CN=Svc &lt;b&gt;&amp;Sync');
  });
  it('is applied inside code spans and blocks, which cannot be closed early by a backtick', () => {
    expect(code('a<b>`c')).toBe('`a&lt;b&gt;ˋc`');
    expect(codeBlock('x ``` y & z')).toBe('```x ˋˋˋ y &amp; z```');
  });
});

describe('who, when, channelRef', () => {
  it('mentions Slack users and writes every other identity as escaped text', () => {
    expect(who('slack:U1')).toBe('<@U1>');
    expect(who('slack:U024BE7LH')).toBe('<@U024BE7LH>');
    expect(who('cli:alice')).toBe('cli:alice');
    expect(who('system:scheduler')).toBe('system:scheduler');
    expect(who('teams:29:1a<b>&')).toBe('teams:29:1a&lt;b&gt;&amp;');
    expect(who('web:bob@corp.example')).toBe('web:bob@corp.example');
    expect(who('slack:U1> <!channel')).not.toContain('<!channel');
  });
  it("renders a time as Slack's date token with a UTC fallback", () => {
    expect(when('2026-11-20T14:03:09.000Z')).toBe('<!date^1795183389^{date_short_pretty} {time}|2026-11-20 14:03 UTC>');
    expect(when(new Date('2026-11-20T14:03:09.000Z'))).toBe(when('2026-11-20T14:03:09.000Z'));
    expect(when('not a date <x>')).toBe('not a date &lt;x&gt;');
  });
  it('links Slack channels and writes any other conversation as escaped text', () => {
    expect(channelRef('slack', 'C0ALERTS')).toBe('<#C0ALERTS>');
    expect(channelRef('slack', '<!here>')).toBe('&lt;!here&gt;');
    expect(channelRef('teams', '19:abc@thread.tacv2')).toBe('19:abc@thread.tacv2');
  });
});

describe('mrkdwn: structured text as Slack mrkdwn', () => {
  it('escapes plain pieces and marks names bold, code and commands as code', () => {
    expect(mrkdwn(rich`<b>&x ${bold('corp-ad')} uses ${codeMark('a`b<c>')} · ${command('test <name>')}`)).toBe('&lt;b&gt;&amp;x *corp-ad* uses `aˋb&lt;c&gt;` · `/dirsync test &lt;name&gt;`');
  });
  it('does not nest bold, and leaves names plain in the fallback text', () => {
    expect(mrkdwn([bold(rich`⏸ Held for ${bold('corp-ad')}`)])).toBe('*⏸ Held for corp-ad*');
    expect(mrkdwn(rich`Sync of ${bold('corp-ad')} ${italic('(x)')}`, 'summary')).toBe('Sync of corp-ad (x)');
  });
  it('keeps the code marks of a phrase, mentions people, dates times, quotes notes, links channels', () => {
    expect(mrkdwn([phrase('`sink` is not <a> command')])).toBe('`sink` is not &lt;a&gt; command');
    expect(mrkdwn(rich`${person('slack:U9')} ${at('2026-11-20T14:03:09.000Z')}`)).toBe('<@U9> <!date^1795183389^{date_short_pretty} {time}|2026-11-20 14:03 UTC>');
    expect(mrkdwn([quote('keep <it> & wait')])).toBe('> keep &lt;it&gt; &amp; wait');
    expect(mrkdwn([channel('slack', 'C0ALERTS', true)])).toBe('<#C0ALERTS>');
    expect(mrkdwn(rich`a${br}b`)).toBe('a\nb');
  });
  it('writes plain_text without markup, entities or tokens', () => {
    expect(plain(rich`Delete ${bold('a<b>&c')}: ${command('sync all')} by ${person('slack:U1')} ${at('2026-11-20T14:03:09.000Z')}`)).toBe('Delete a<b>&c: /dirsync sync all by slack:U1 2026-11-20 14:03 UTC');
  });
});

describe('clipMrkdwn', () => {
  it('cuts without breaking an entity or a token or leaving a code block open', () => {
    const cut = clipMrkdwn(`${'a'.repeat(2980)}&amp;${'b'.repeat(100)}`, 3000);
    expect(cut.length).toBeLessThanOrEqual(3000);
    expect(cut.endsWith('… (truncated)')).toBe(true);
    expect(cut).not.toMatch(/&[a-z]*…/);
    const fenced = clipMrkdwn(`Diagnostic:\n${codeBlock('x'.repeat(5000))}`, 3000);
    expect(fenced.length).toBeLessThanOrEqual(3000);
    expect(fenced.split('```').length % 2).toBe(1);
    expect(clipMrkdwn(`${'a'.repeat(20)}<@U123>`, 25, '…')).toBe(`${'a'.repeat(20)}…`);
    expect(clipMrkdwn('short', 3000)).toBe('short');
  });
});
