import { describe, expect, it } from 'vitest';
import { finish, LIMITS, toTeams, type AdaptiveCard } from '../../../src/faces/teams/adaptive-card.ts';
import { BUTTONS, button } from '../../../src/presenters/buttons.ts';
import { presentAlert } from '../../../src/presenters/alert.ts';
import { presentApproval } from '../../../src/presenters/approval.ts';
import { presentChatResult } from '../../support/chat-result.ts';
import { presentError } from '../../../src/presenters/help.ts';
import { presentRun, presentRuns } from '../../../src/presenters/run.ts';
import { at, bold, fields, group, heading, list, message, note, rich, text, who } from '../../../src/presenters/message.ts';
import { CHAT_HELP } from '../../../src/commands/registry.ts';
import { CommandError } from '../../../src/core/errors.ts';
import { checklistFor, EXPLANATIONS } from '../../../src/core/failures.ts';
import { expectValidCard } from '../../support/adaptive-cards-sdk.ts';
import { CHAT_RESULTS, everyMessage } from '../../support/all-messages.ts';
import { alert, approval, failureDetail, lingeringDetail, now, runFailure, runView } from '../../support/chat-results.ts';
import { actions, allText, readable, textBlocks, withinLimits } from '../../support/teams-card-limits.ts';

const size = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;
const ADMIN = 'teams:00000000-0000-0000-0000-00000000ad01';

describe('every message dirsync can send, as an Adaptive Card', () => {
  it("is a 1.5 card that Microsoft's SDK reads without a complaint, within Teams' limits", () => {
    const all = everyMessage();
    expect(all.length).toBeGreaterThan(100);
    for (const { name, message: m } of all) {
      const teams = withinLimits(toTeams(m, { names: { [ADMIN]: 'Ada Admin' } }));
      expectValidCard(teams.card, name);
    }
  });

  it('would notice a card the SDK does not understand', () => {
    const card = (body: unknown[]): AdaptiveCard => ({ type: 'AdaptiveCard', version: '1.5', body });
    expect(() => expectValidCard(card([{ type: 'TextBlock', text: 'x', colr: 'good' }]), 'typo')).toThrow(/understood/);
    expect(() => expectValidCard(card([{ type: 'TextBlock', text: 'x', color: 'red' }]), 'bad value')).toThrow(/parse events/);
    expect(() => expectValidCard(card([{ type: 'Carousel', pages: [] }]), 'newer element')).toThrow(/parse events/);
  });
});

describe('parts', () => {
  it('puts a heading, a paragraph, a list, facts, a note and a group in their card elements', () => {
    const m = toTeams(message(['s'], [
      heading(['Title'], 'bad'),
      text([rich`first ${bold('x')}`, ['second']], { tone: 'good', strong: true }),
      list([['a'], ['b']], { title: ['List'], tone: 'warning' }),
      fields([['Users', ['3 added']]]),
      note(['small']),
      note(['Slack only'], 'slack'),
      group([text(['inside'])], { tone: 'bad', separated: true }),
    ]));
    expect(m.card.body).toEqual([
      { type: 'TextBlock', text: 'Title', wrap: true, weight: 'bolder', size: 'medium', color: 'attention' },
      { type: 'TextBlock', text: 'first **x**\n\nsecond', wrap: true, color: 'good', weight: 'bolder' },
      { type: 'Container', style: 'warning', items: [{ type: 'TextBlock', text: 'List', wrap: true }, { type: 'TextBlock', text: 'a', wrap: true, spacing: 'none' }, { type: 'TextBlock', text: 'b', wrap: true, spacing: 'none' }] },
      { type: 'FactSet', facts: [{ title: 'Users', value: '3 added' }] },
      { type: 'TextBlock', text: 'small', wrap: true, isSubtle: true, size: 'small' },
      { type: 'Container', style: 'attention', separator: true, items: [{ type: 'TextBlock', text: 'inside', wrap: true }] },
    ]);
    expect(m.card).toMatchObject({ type: 'AdaptiveCard', version: '1.5', msteams: { width: 'Full' } });
    expect(m.card).not.toHaveProperty('actions');
  });

  it('shows a failure: explanation once, the diagnostic in monospace, the numbered checklist', () => {
    const m = withinLimits(toTeams(presentRun(runView({ status: 'failed', counts: null, destructive: null, failure: runFailure() }))));
    expect(textBlocks(m)[0]).toBe(`❌ Sync #42 of **corp-ad** failed in 12.3 s\n\n**Failed at bind: credential / invalid_credentials**\n\n${EXPLANATIONS.invalid_credentials} (Active Directory: data 52e)`);
    expect(JSON.stringify(m.card)).toContain('"fontType":"monospace"');
    expect(readable(m)).toContain('80090308: LdapErr: DSID-0C090439, comment: AcceptSecurityContext error, data 52e, v4563 for CN=Svc <b>&Sync');
    expect(allText(m)).toContain(`**What to check:**\n${checklistFor('invalid_credentials').map((item, i) => `${i + 1}. ${item}`).join('\n')}`);
    expect((m.card.body as { style?: string }[])[0]!.style).toBe('attention');
  });

  it('shows the Teams-only hint in help, and every command as @dirsync <usage>', () => {
    const m = withinLimits(toTeams(presentChatResult(CHAT_RESULTS.help[1]!)));
    expect(textBlocks(m)[0]).toBe('⚠️ **sink** is not a dirsync command. Did you mean **sync**?');
    expect(m.summary).toBe('⚠️ sink is not a dirsync command. Did you mean sync?');
    for (const entry of CHAT_HELP) expect(readable(m)).toContain(`@dirsync ${entry.usage} — ${entry.summary} _(${entry.role})_`);
    expect(allText(m)).toContain('**@dirsync test \\<name\\>** — Test stage by stage: what broke, why, what to check _(operator)_');
    expect(allText(m)).toContain('In a personal chat with dirsync, the @dirsync mention is not needed');
  });

  it('makes the summary plain text: no Markdown, dates in UTC, people by name', () => {
    const decided = presentChatResult(CHAT_RESULTS.approve[1]!);
    expect(toTeams(decided, { names: { [ADMIN]: 'Ada' } }).summary).toMatch(/^Approved #12 \(apply 4,200 destructive changes to corp-ad\) by Ada \d{4}-\d\d-\d\d \d\d:\d\d UTC: still held by blocking integrations$/);
    expect(toTeams(message([bold('x'.repeat(1000))], [text(['t'])])).summary).toHaveLength(LIMITS.summaryChars);
    expect(toTeams(message([], [text(['t'])])).summary).toBe('dirsync');
  });
});

describe('buttons', () => {
  it('become Action.Execute with the verb from the button table and the value in data', () => {
    const m = withinLimits(toTeams(presentAlert(alert(failureDetail()), { now })));
    expect(actions(m)).toEqual([
      { type: 'Action.Execute', title: 'Test now', verb: BUTTONS.testNow.teams, data: { value: 'corp-ad' } },
      { type: 'Action.Execute', title: 'Sync now', verb: BUTTONS.syncNow.teams, data: { value: 'corp-ad' }, style: 'positive' },
    ]);
  });

  it('say on the card what a button that asks first will do, since cards have no dialogs', () => {
    const m = withinLimits(toTeams(presentApproval(approval(), { now })));
    expect(actions(m).map((a) => [a.title, a.verb, a.data.value, a.style])).toEqual([['Approve', BUTTONS.approve.teams, '12', 'destructive'], ['Reject', BUTTONS.reject.teams, '12', undefined]]);
    const last = (m.card.body as { text: string; color?: string }[]).at(-1)!;
    expect(last).toMatchObject({ color: 'attention' });
    expect(readable(m)).toContain('Approve: Delete integration corp-old: the integration and everything it synced leave dirsync (1,200 users, 40 groups, 3,000 memberships). This cannot be undone.');
    const linger = withinLimits(toTeams(presentAlert(alert(lingeringDetail()), { now })));
    expect(readable(linger)).toContain('Delete…: This raises an approval request to delete corp-old and everything it synced. Nothing is deleted until another admin approves it.');
    expect(readable(withinLimits(toTeams(message(['x'], [text(['y'])], [button('deleteIntegration', 'lab')]))))).toContain('Delete…: asks for confirmation.');
  });

  it('are absent from command replies and settled cards', () => {
    for (const results of Object.values(CHAT_RESULTS)) for (const r of results) expect(toTeams(presentChatResult(r)).card).not.toHaveProperty('actions');
    expect(toTeams(presentApproval(approval({ status: 'expired' }), { now })).card).not.toHaveProperty('actions');
  });
});

describe('people and times', () => {
  it('names people by display name when known, else by the kind of identity', () => {
    const decided = presentChatResult(CHAT_RESULTS.reject[0]!);
    expect(readable(toTeams(decided, { names: { [ADMIN]: 'Ada Admin' } }))).toContain('❌ Rejected #12 to delete integration corp-old, by Ada Admin ⌚. Nothing was changed.');
    expect(readable(toTeams(decided))).toContain('by a Teams user (…00ad01)');
    expect(readable(toTeams(presentChatResult(CHAT_RESULTS.roles[0]!)))).toContain('• Slack user U0ADMIN — admin (granted by root (CLI) ⌚)');
    expect(readable(toTeams(presentChatResult(CHAT_RESULTS.roles[0]!)))).toContain('• bob (dashboard) — viewer (granted by dirsync ⌚)');
  });
  it('writes times as the Teams date and time functions', () => {
    expect(allText(toTeams(message(['x'], [text(rich`at ${at('2026-11-20T12:00:00.000Z')} by ${who('cli:alice')}`)])))).toBe('at {{DATE(2026-11-20T12:00:00Z, SHORT)}} {{TIME(2026-11-20T12:00:00Z)}} by alice (CLI)');
  });
});

describe('limits', () => {
  const rows = (n: number, prefix = 'row') => Array.from({ length: n }, (_, i) => [`${prefix} ${i} ${'x'.repeat(200)}`]);

  it('shares a byte budget among the lists of a card, and says how many more there are', () => {
    const m = withinLimits(toTeams(message(['x'], [list(rows(300), { max: 250, hint: ['see the CLI'] }), list(rows(300, 'other'), { max: 250 })])));
    const texts = textBlocks(m);
    expect(texts.filter((t) => t.startsWith('row ')).length).toBeLessThan(50);
    expect(texts).toContainEqual(expect.stringMatching(/^…and 2\d\d more — see the CLI$/));
    expect(texts.at(-1)).toMatch(/^…and 2\d\d more$/);
    expect(readable(m)).not.toContain('more not shown');
  });

  it('drops from the end of the longest list when the card is still too big, says how many, keeps the actions and what they do', () => {
    const m = withinLimits(toTeams(message(['big'], [text(['title']), list(rows(30, 'short')), list(rows(400)), text(['footer'])], [button('approve', 12, ['it deletes things'])])));
    expect(size(m.card)).toBeLessThan(LIMITS.cardBytes);
    const all = allText(m);
    expect(all).toContain('title');
    expect(all).toContain(`short 29 ${'x'.repeat(200)}`);
    expect(all).toContain('footer');
    expect(all).toMatch(/…and 3\d\d more not shown: too long for one Teams message\./);
    expect(all).toContain('**Approve**: it deletes things');
    expect(actions(m)).toHaveLength(1);
  });

  it('drops whole runs from the end of a sync all, and keeps each run whole', () => {
    const runs = Array.from({ length: 100 }, (_, i) => ({ ...runView({ run: i + 1, integration: `dir-${i}`, status: 'failed', counts: null, destructive: null, failure: runFailure() }), expectedEntries: null }));
    const m = withinLimits(toTeams(presentRuns(runs)));
    const texts = textBlocks(m);
    expect(texts.at(-1)).toMatch(/^…and \d+ more not shown: too long for one Teams message\.$/);
    expect(texts.filter((t) => t.startsWith('❌ Sync #')).length).toBeGreaterThan(3);
    expect(texts.filter((t) => t.startsWith('❌ Sync #')).length).toBe(texts.filter((t) => t.startsWith('manual by')).length);
  });

  it('cuts one huge text at 4,000 characters and keeps the buttons', () => {
    const m = withinLimits(toTeams(presentAlert(alert(failureDetail({ diagnostic: '<x>&*'.repeat(6000) })), { now })));
    expect(actions(m)).toHaveLength(2);
    expect(readable(m)).toContain('… (truncated)');
    expect(Math.max(...textBlocks(m).map((t) => t.length))).toBeLessThanOrEqual(LIMITS.textChars);
  });

  it('keeps a hundred invalid fields to twenty and says so', () => {
    const issues = Array.from({ length: 100 }, (_, i) => ({ field: `f${i}`, message: 'x'.repeat(300) }));
    expect(readable(withinLimits(toTeams(presentError(new CommandError('validation', '100 invalid fields', issues)))))).toContain('…and 80 more');
  });

  it('does not change the card it was given, and leaves a small card alone', () => {
    const card: AdaptiveCard = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Container', items: rows(400).map(([t]) => ({ type: 'TextBlock', text: t, wrap: true })) }] };
    const before = JSON.stringify(card);
    expect(size(finish(card))).toBeLessThan(LIMITS.cardBytes);
    expect(JSON.stringify(card)).toBe(before);
    const small: AdaptiveCard = { type: 'AdaptiveCard', version: '1.5', body: [] };
    expect(finish(small)).toBe(small);
  });
});
