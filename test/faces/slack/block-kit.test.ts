import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { finish, LIMITS, sections, toSlack, type SlackMessage } from '../../../src/faces/slack/block-kit.ts';
import { BUTTONS, button } from '../../../src/presenters/buttons.ts';
import { presentAlert } from '../../../src/presenters/alert.ts';
import { presentApproval } from '../../../src/presenters/approval.ts';
import { presentChatResult } from '../../support/chat-result.ts';
import { presentError } from '../../../src/presenters/help.ts';
import { presentRun } from '../../../src/presenters/run.ts';
import { bold, fields, group, heading, list, message, note, rich, text } from '../../../src/presenters/message.ts';
import { CHAT_HELP } from '../../../src/commands/registry.ts';
import { CommandError } from '../../../src/core/errors.ts';
import { checklistFor } from '../../../src/core/failures.ts';
import { CHAT_RESULTS, everyMessage } from '../../support/all-messages.ts';
import { alert, approval, failureDetail, lingeringDetail, now, runFailure, runView } from '../../support/chat-results.ts';
import { actionBlocks, allText, buttons, sectionTexts, withinLimits } from '../../support/slack-limits.ts';

const escaped = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

describe('every message dirsync can send, as Block Kit', () => {
  it("is typed as @slack/types' blocks and within Slack's documented limits, every user text escaped", () => {
    const all = everyMessage();
    expect(all.length).toBeGreaterThan(100);
    for (const { message: m } of all) {
      const slack: SlackMessage = withinLimits(toSlack(m));
      const blocks: KnownBlock[] = slack.blocks;
      expect(blocks.length).toBeGreaterThan(0);
    }
  });
});

describe('parts', () => {
  it('puts a heading, a paragraph, a list, fields, a note and a group in their blocks', () => {
    const m = toSlack(message(['s'], [
      heading([bold('Title <x>')]),
      text([rich`first ${bold('x')}`, ['second']], { tone: 'good', strong: true }),
      list([['a'], ['b']], { title: ['List'] }),
      fields([['Users', ['3 added']]]),
      note(['small']),
      note(['Teams only'], 'teams'),
      group([text(['inside'])], { separated: true }),
    ]));
    expect(m.blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: 'Title <x>', emoji: true } },
      { type: 'section', text: { type: 'mrkdwn', text: 'first *x*\nsecond' } },
      { type: 'section', text: { type: 'mrkdwn', text: 'List\na\nb' } },
      { type: 'section', fields: [{ type: 'mrkdwn', text: '*Users*\n3 added' }] },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'small' }] },
      { type: 'divider' },
      { type: 'section', text: { type: 'mrkdwn', text: 'inside' } },
    ]);
    expect(m.text).toBe('s');
  });

  it('shows a failure: title and explanation, the diagnostic as a code block, the numbered checklist escaped', () => {
    const m = withinLimits(toSlack(presentRun(runView({ status: 'failed', counts: null, destructive: null, failure: runFailure() }))));
    const text = allText(m);
    expect(sectionTexts(m)[0]).toBe('❌ Sync #42 of *corp-ad* failed in 12.3 s\n*Failed at bind: credential / invalid_credentials*\nThe directory rejected the bind DN or password. (Active Directory: data 52e)');
    expect(text).toContain('Diagnostic:\n```80090308: LdapErr');
    expect(text).toContain('CN=Svc &lt;b&gt;&amp;Sync');
    checklistFor('invalid_credentials').forEach((item, i) => expect(text).toContain(`${i + 1}. ${escaped(item)}`));
    expect(m.text).toBe('Sync #42 of corp-ad failed: credential / invalid_credentials');
  });

  it('lists every command in help as code, the grammar problem first, and leaves out the Teams-only hint', () => {
    const m = withinLimits(toSlack(presentChatResult(CHAT_RESULTS.help[1]!)));
    expect(sectionTexts(m)[0]).toBe('⚠️ `sink` is not a dirsync command. Did you mean `sync`?');
    const text = allText(m);
    for (const entry of CHAT_HELP) expect(text).toContain(`\`/dirsync ${escaped(entry.usage)}\``);
    expect(text).toContain('`/dirsync test &lt;name&gt;` — Test stage by stage: what broke, why, what to check _(operator)_');
    expect(text).not.toContain('personal chat');
    expect(JSON.stringify(m.blocks.at(-1))).toContain('Roles: viewer reads, operator tests/syncs/enables, admin approves and manages roles');
  });

  it('mentions people, links channels and dates times', () => {
    expect(allText(toSlack(presentChatResult(CHAT_RESULTS.alerts_status[0]!)))).toMatch(/Alerts for this account go to <#C0ALERTS> \(set by <@U0ADMIN> <!date[^>]+>\)/);
    expect(toSlack(presentChatResult(CHAT_RESULTS.alerts[0]!)).text).toBe('Alerts for this account will be posted in <#C0ALERTS>');
    expect(allText(toSlack(presentChatResult(CHAT_RESULTS.alerts_status[2]!)))).toContain('go to &lt;!here&gt; (set by cli:root)');
    expect(sectionTexts(toSlack(presentChatResult(CHAT_RESULTS.roles[0]!)))[0]!.split('\n')[1]).toMatch(/^• <@U0ADMIN> — \*admin\* \(granted by cli:root <!date[^>]+>\)$/);
  });

  it('quotes a note, escaped', () => {
    expect(allText(withinLimits(toSlack(presentApproval(approval({ status: 'rejected', decidedBy: 'slack:U0ADMIN', decidedAt: now, note: 'keep <corp-old> & wait' }), { now }))))).toContain('\n> keep &lt;corp-old&gt; &amp; wait');
  });
});

describe('buttons', () => {
  it('carry the action id from the button table, the value, the style', () => {
    const m = withinLimits(toSlack(presentAlert(alert(failureDetail()), { now })));
    expect(buttons(m).map(({ text, action_id, value, style }) => ({ text, action_id, value, style }))).toEqual([
      { text: 'Test now', action_id: BUTTONS.testNow.slack, value: 'corp-ad', style: undefined },
      { text: 'Sync now', action_id: BUTTONS.syncNow.slack, value: 'corp-ad', style: 'primary' },
    ]);
  });

  it('that ask first have a plain_text confirm dialog saying what they do', () => {
    const [approve, reject] = buttons(withinLimits(toSlack(presentApproval(approval(), { now }))));
    expect(approve).toMatchObject({ text: 'Approve', action_id: BUTTONS.approve.slack, value: '12', style: 'danger' });
    expect(approve!.confirm).toEqual({
      title: { type: 'plain_text', text: 'Approve #12?', emoji: true },
      text: { type: 'plain_text', text: 'Delete integration corp-old: the integration and everything it synced leave dirsync (1,200 users, 40 groups, 3,000 memberships). This cannot be undone.', emoji: true },
      confirm: { type: 'plain_text', text: 'Approve', emoji: true },
      deny: { type: 'plain_text', text: 'Cancel', emoji: true },
      style: 'danger',
    });
    expect(reject).toMatchObject({ text: 'Reject', action_id: BUTTONS.reject.slack, value: '12' });
    expect(reject!.style).toBeUndefined();
    expect(reject!.confirm).toBeUndefined();
    const [del] = buttons(withinLimits(toSlack(presentAlert(alert(lingeringDetail()), { now }))));
    expect(JSON.stringify(del!.confirm)).toContain('"text":"This raises an approval request to delete corp-old and everything it synced. Nothing is deleted until another admin approves it."');
    expect(buttons(toSlack(message(['x'], [text(['y'])], [button('deleteIntegration', 'lab')])))[0]!.confirm).toMatchObject({ text: { text: 'Delete…?' } });
  });

  it('are clipped to their limits: 75 for a label, 30 for dialog labels, 300 for the dialog text, 2,000 for a value', () => {
    const [b] = buttons(withinLimits(toSlack(message(['b'], [text(['x'])], [button('deleteIntegration', 'n'.repeat(3000), [bold('z'.repeat(400))])]))));
    expect(b!.value).toHaveLength(LIMITS.buttonValue);
    expect(((b!.confirm!.title as { text: string }).text)).toHaveLength(LIMITS.confirmLabel);
    expect(((b!.confirm!.text as { text: string }).text)).toHaveLength(LIMITS.confirmText);
  });

  it('are absent from command replies and settled cards', () => {
    for (const results of Object.values(CHAT_RESULTS)) for (const r of results) expect(actionBlocks(toSlack(presentChatResult(r)))).toEqual([]);
    expect(actionBlocks(toSlack(presentApproval(approval({ status: 'expired' }), { now })))).toEqual([]);
  });
});

describe('limits', () => {
  it('packs lines into sections of at most 3,000 characters', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `${i} ${'x'.repeat(95)}`);
    const blocks = sections(lines);
    expect(blocks.length).toBeGreaterThan(3);
    expect(blocks.map((b) => (b as { text: { text: string } }).text.text).join('\n').split('\n')).toEqual(lines);
  });

  it('shares a character budget among the lists of a message, and says how many more there are', () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => [`row ${i} ${'x'.repeat(200)}`]);
    const m = withinLimits(toSlack(message(['x'], [list(rows(300), { max: 250, hint: ['see the CLI'] }), list(rows(300), { max: 250 })])));
    const text = allText(m);
    expect(text).toMatch(/…and 2\d\d more — see the CLI/);
    expect(text).not.toContain('more not shown');
  });

  it('keeps a message to 50 blocks, the last actions block included, and says what it left out', () => {
    const parts = [heading(['Title']), ...Array.from({ length: 70 }, (_, i) => text([`line ${i}`])), note(['footer'])];
    const m = withinLimits(toSlack({ summary: ['x'.repeat(5000)], parts, buttons: [button('testNow', 'corp-ad')] }));
    expect(m.blocks).toHaveLength(50);
    expect(m.blocks.at(-1)!.type).toBe('actions');
    expect(JSON.stringify(m.blocks.at(-2))).toContain('…and 24 more not shown');
    expect(m.text.length).toBeLessThanOrEqual(3000);
    expect(buttons(m).map((b) => b.action_id)).toEqual([BUTTONS.testNow.slack]);
  });

  it('also drops blocks when their text would be too long for Slack', () => {
    const m = withinLimits(toSlack(message(['long'], Array.from({ length: 10 }, () => text(['y'.repeat(2900)])))));
    expect(m.blocks.length).toBeLessThan(10);
    expect(JSON.stringify(m.blocks.at(-1))).toContain('more not shown');
  });

  it('survives a huge diagnostic and keeps the buttons', () => {
    const m = withinLimits(toSlack(presentAlert(alert(failureDetail({ diagnostic: '<x>&'.repeat(3000) })), { now })));
    expect(buttons(m)).toHaveLength(2);
  });

  it('keeps a hundred invalid fields to twenty and says so', () => {
    const issues = Array.from({ length: 100 }, (_, i) => ({ field: `f${i}`, message: 'x'.repeat(300) }));
    expect(allText(withinLimits(toSlack(presentError(new CommandError('validation', '100 invalid fields', issues)))))).toContain('…and 80 more');
  });

  it('clips headers to 150 characters and leaves a message within the limits untouched', () => {
    const header = toSlack(message(['h'], [heading(['H'.repeat(400)])])).blocks[0] as { text: { text: string } };
    expect(header.text.text).toHaveLength(LIMITS.headerText);
    const small: SlackMessage = { text: 'hi', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hello' } }] };
    expect(finish(small)).toEqual(small);
  });
});
