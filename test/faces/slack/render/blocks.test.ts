import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../../../src/faces/slack/actions.ts';
import {
  actions,
  button,
  clipMrkdwn,
  code,
  codeBlock,
  context,
  escape,
  finish,
  fitSection,
  header,
  listWithMore,
  section,
  sections,
  when,
  who,
} from '../../../../src/faces/slack/render/blocks.ts';
import { NASTY_DN } from '../../../support/chat-results.ts';
import { buttons, withinLimits } from './slack-limits.ts';

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

describe('who and when', () => {
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
});

describe('limits', () => {
  it('cuts a section at 3,000 characters without breaking an entity or leaving a code block open', () => {
    const long = `${'a'.repeat(2980)}&amp;${'b'.repeat(100)}`;
    const cut = fitSection(long);
    expect(cut.length).toBeLessThanOrEqual(3000);
    expect(cut.endsWith('… (truncated)')).toBe(true);
    expect(cut).not.toMatch(/&[a-z]*…/);
    const fenced = fitSection(`Diagnostic:\n${codeBlock('x'.repeat(5000))}`);
    expect(fenced.length).toBeLessThanOrEqual(3000);
    expect(fenced.split('```').length % 2).toBe(1);
    expect(clipMrkdwn(`${'a'.repeat(20)}<@U123>`, 25, '…')).toBe(`${'a'.repeat(20)}…`);
    expect(fitSection('short')).toBe('short');
  });

  it('lists at most `max` items and says how many more there are', () => {
    const items = Array.from({ length: 12 }, (_, i) => i);
    expect(listWithMore(items, 5, (i) => `item ${i}`)).toEqual(['item 0', 'item 1', 'item 2', 'item 3', 'item 4', '…and 7 more']);
    expect(listWithMore(items, 20, String)).toHaveLength(12);
    expect(listWithMore(items, 20, (i) => 'x'.repeat(100) + i, { budget: 350, hint: 'see the CLI' }).at(-1)).toBe('…and 9 more — see the CLI');
  });

  it('packs lines into sections of at most 3,000 characters', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `${i} ${'x'.repeat(95)}`);
    const blocks = sections(lines);
    expect(blocks.length).toBeGreaterThan(3);
    const joined = blocks.map((b) => (b.text as { text: string }).text).join('\n');
    expect(joined.split('\n')).toEqual(lines);
  });

  it('keeps a message to 50 blocks, the last actions block included, and says what it left out', () => {
    const blocks = [header('Title'), ...Array.from({ length: 70 }, (_, i) => section(`line ${i}`)), actions(button({ text: 'Test now', actionId: ACTIONS.testNow, value: 'corp-ad' })), context('footer')];
    const message = withinLimits(finish({ text: 'x'.repeat(5000), blocks }));
    expect(message.blocks).toHaveLength(50);
    expect(message.blocks.at(-1)!.type).toBe('actions');
    expect(JSON.stringify(message.blocks.at(-2))).toContain('…and 24 more not shown');
    expect(message.text.length).toBeLessThanOrEqual(3000);
    expect(buttons(message).map((b) => b.action_id)).toEqual([ACTIONS.testNow]);
  });

  it('also drops blocks when their text would be too long for Slack', () => {
    const blocks = Array.from({ length: 10 }, () => section('y'.repeat(2900)));
    const message = withinLimits(finish({ text: 'long', blocks }));
    expect(message.blocks.length).toBeLessThan(10);
    expect(JSON.stringify(message.blocks.at(-1))).toContain('more not shown');
  });

  it('leaves a message within the limits untouched', () => {
    const message = { text: 'hi', blocks: [section('hello')] };
    expect(finish(message)).toEqual(message);
  });

  it('clips button texts to 75 and confirm-dialog labels to 30 characters', () => {
    const b = button({
      text: 'B'.repeat(100),
      actionId: ACTIONS.approve,
      value: '12',
      style: 'danger',
      confirm: { title: `Approve the deletion of ${'x'.repeat(40)}?`, text: 'z'.repeat(400), confirm: 'Yes, approve this request right now', deny: 'No, leave it as it is for the moment' },
    });
    const message = withinLimits(finish({ text: 'b', blocks: [actions(b)] }));
    const [shown] = buttons(message);
    expect(shown!.text).toHaveLength(75);
    expect(shown!.style).toBe('danger');
    expect(JSON.stringify(shown!.confirm)).toContain('"style":"danger"');
  });

  it('builds headers and contexts within their limits', () => {
    withinLimits(finish({ text: 'h', blocks: [header('H'.repeat(400)), context(...Array.from({ length: 15 }, (_, i) => `c${i}`))] }));
  });
});
