import { describe, expect, it } from 'vitest';
import { clip, markdown, phrase, plain, quoted, safe, when, who } from '../../../src/faces/teams/markdown.ts';
import { at, bold, br, channel, code, command, italic, phrase as phraseMark, quote, rich, who as person } from '../../../src/presenters/message.ts';

// Undo CommonMark backslash escapes: what a reader sees.
const shown = (md: string) => md.replace(/\\(.)/gs, '$1');

describe('safe', () => {
  it('neutralises bold, italics, links, code and Teams mentions, and shows them as typed', () => {
    for (const hostile of ['**bold**', '_it_', '[link](https://evil.example)', '![img](x)', '`code`', '<at>x</at>', 'a\\b', '{{DATE(2026-11-20T12:00:00Z, SHORT)}}']) {
      const md = safe(hostile);
      expect(shown(md)).toBe(hostile);
      expect(md.replace(/\\./g, ''), hostile).not.toMatch(/\*\*|[_[\]`<>\\]|\{\{/);
    }
    expect(safe('**bold**')).toBe('\\*\\*bold\\*\\*');
    expect(safe('[link](x)')).toBe('\\[link\\](x)');
    expect(safe('<at>x</at>')).toBe('\\<at\\>x\\</at\\>');
  });

  it('stops a line from becoming a list, a heading or a quote, on every line', () => {
    expect(safe('- item')).toBe('\\- item');
    expect(safe('# Title')).toBe('\\# Title');
    expect(safe('12. twelve')).toBe('12\\. twelve');
    expect(safe('3) three')).toBe('3\\) three');
    expect(safe('+ plus')).toBe('\\+ plus');
    expect(safe('ok\n- second\n  # third')).toBe('ok\n\\- second\n  \\# third');
    expect(safe('> quote')).toBe('\\> quote');
    // Not list markers: a decimal, a hyphenated word.
    expect(safe('12.5 s')).toBe('12.5 s');
    expect(safe('corp-ad')).toBe('corp-ad');
  });

  it('leaves an underscore inside a word alone (it cannot start emphasis), and escapes one at a word edge', () => {
    expect(safe('invalid_credentials')).toBe('invalid_credentials');
    expect(safe('_x_ and a_ b')).toBe('\\_x\\_ and a\\_ b');
    expect(plain(safe('invalid_credentials'))).toBe('invalid_credentials');
  });

  it('keeps DN escapes visible', () => {
    expect(shown(safe('OU=Docs\\2FKB,DC=corp'))).toBe('OU=Docs\\2FKB,DC=corp');
  });
});

describe('who', () => {
  it('uses the display name when one is known, escaped', () => {
    expect(who('teams:29:1f-aad-object-id-abcdef', { 'teams:29:1f-aad-object-id-abcdef': 'Ana *Admin*' })).toBe('Ana \\*Admin\\*');
  });
  it('says what kind of identity it is otherwise', () => {
    expect(who('teams:00000000-aaaa-bbbb-cccc-123456abcdef')).toBe('a Teams user (…abcdef)');
    expect(who('slack:U024BE7LH')).toBe('Slack user U024BE7LH');
    expect(who('cli:alice')).toBe('alice (CLI)');
    expect(who('web:alice_b')).toBe('alice_b (dashboard)');
    expect(who('system:scheduler')).toBe('dirsync');
    expect(who('config:DIRSYNC_ADMINS')).toBe('dirsync');
    expect(who('nobody')).toBe('nobody');
    expect(who('teams:x', { constructor: 'no' })).toBe('a Teams user (…x)');
  });
});

describe('when', () => {
  it('renders Teams date and time functions in UTC, without milliseconds', () => {
    expect(when('2026-11-20T12:00:00.000Z')).toBe('{{DATE(2026-11-20T12:00:00Z, SHORT)}} {{TIME(2026-11-20T12:00:00Z)}}');
    expect(when(new Date('2026-11-20T13:30:15.250+01:00'))).toBe('{{DATE(2026-11-20T12:30:15Z, SHORT)}} {{TIME(2026-11-20T12:30:15Z)}}');
    expect(when('not a date')).toBe('not a date');
  });
});

describe('plain, phrase, clip', () => {
  it('turns card Markdown into a one-line summary', () => {
    expect(plain(`✅ **corp\\_ad** synced ${when('2026-11-20T12:00:00Z')}\n\nby _${safe('a*b')}_`)).toBe('✅ corp_ad synced 2026-11-20 12:00 UTC by a*b');
  });
  it('turns code marks from the grammar into bold, escaping the rest', () => {
    expect(phrase('`sink` is not a command. Did you mean `sync`?')).toBe('**sink** is not a command. Did you mean **sync**?');
    expect(phrase('a `lone <backtick>')).toBe('a \\`lone \\<backtick\\>');
    expect(markdown([command('pending <name>')])).toBe('**@dirsync pending \\<name\\>**');
    expect(quoted(' not now ')).toBe('_“not now”_');
  });
  it('cuts without leaving half an escape, half a date function or an open bold', () => {
    const md = `**${safe('x'.repeat(50))}** ${when('2026-11-20T12:00:00Z')}`;
    for (let max = 20; max < md.length; max += 3) {
      const cut = clip(md, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut.endsWith('… (truncated)')).toBe(true);
      expect(cut.replace(/\\./g, '').split('**').length % 2).toBe(1);
      expect(cut).not.toMatch(/\{\{(?![^}]*\}\})/);
    }
    expect(clip(safe('***'.repeat(10)), 20)).not.toMatch(/[^\\]\\…/);
  });
});

describe('markdown: structured text as card Markdown', () => {
  it('makes every plain piece safe and marks names, code and commands bold', () => {
    expect(markdown(rich`**x** ${bold('corp_ad')} uses ${code('OU=a<b>')}: ${command('approve 12')}`)).toBe('\\*\\*x\\*\\* **corp_ad** uses **OU=a\\<b\\>**: **@dirsync approve 12**');
  });
  it('does not bold twice inside bold text', () => {
    expect(markdown([bold(rich`Held for ${bold('corp-ad')}: ${code('x')}`)])).toBe('**Held for corp-ad: x**');
    expect(markdown([bold(phraseMark('`sync`'))])).toBe('**sync**');
  });
  it('names people by the names map, shows times as Teams functions, sets notes apart', () => {
    const id = 'teams:00000000-0000-0000-0000-000000c0ffee';
    expect(markdown(rich`${person(id)} ${at('2026-11-20T12:00:00Z')}`, { names: { [id]: 'Rita *R*' } })).toBe('Rita \\*R\\* {{DATE(2026-11-20T12:00:00Z, SHORT)}} {{TIME(2026-11-20T12:00:00Z)}}');
    expect(markdown([person(id)])).toBe('a Teams user (…c0ffee)');
    expect(markdown([quote(' keep <it> ')])).toBe('_“keep \\<it\\>”_');
    expect(markdown([italic('(operator)')])).toBe('_(operator)_');
    expect(markdown(rich`a${br}b`)).toBe('a\n\nb');
  });
  it('names the alert destination in words', () => {
    expect(markdown([channel('teams', '19:abc@thread.tacv2', true)])).toBe('this conversation');
    expect(markdown([channel('teams', '19:abc@thread.tacv2')])).toBe('the Teams conversation 19:abc@thread.tacv2');
    expect(markdown([channel('slack', 'C0<ALERTS>')])).toBe('Slack channel C0\\<ALERTS\\>');
  });
});
