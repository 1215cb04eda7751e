import { describe, expect, it } from 'vitest';
import { card, container, execute, factSet, finish, LIMITS, lines, listWithMore, message, text } from '../../../../src/faces/teams/render/card.ts';
import { VERBS } from '../../../../src/faces/teams/verbs.ts';
import { actions, allText, textBlocks, withinLimits } from './card-limits.ts';

const size = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

describe('builders', () => {
  it('builds a full-width 1.5 card, without an empty actions list', () => {
    expect(card([text('hi')])).toEqual({
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: '1.5',
      body: [{ type: 'TextBlock', text: 'hi', wrap: true }],
      msteams: { width: 'Full' },
    });
    expect(card([text('hi')], [])).not.toHaveProperty('actions');
  });

  it('wraps every TextBlock unless told otherwise, and passes the styling through', () => {
    expect(text('x', { weight: 'bolder', color: 'attention', isSubtle: true, spacing: 'none', size: 'small' })).toEqual({
      type: 'TextBlock', text: 'x', wrap: true, weight: 'bolder', color: 'attention', isSubtle: true, spacing: 'none', size: 'small',
    });
    expect((text('x'.repeat(10_000)).text as string).length).toBeLessThanOrEqual(LIMITS.textChars);
    expect(text('x'.repeat(10_000)).text).toMatch(/… \(truncated\)$/);
  });

  it('builds facts, containers and Action.Execute buttons carrying their value in data', () => {
    expect(factSet([['Users', '3 added']])).toEqual({ type: 'FactSet', facts: [{ title: 'Users', value: '3 added' }] });
    expect(container([text('a')], 'attention')).toEqual({ type: 'Container', items: [{ type: 'TextBlock', text: 'a', wrap: true }], style: 'attention' });
    expect(execute({ title: 'Approve', verb: VERBS.approve, value: '12', style: 'destructive' })).toEqual({
      type: 'Action.Execute', title: 'Approve', verb: 'dirsync.approve', data: { value: '12' }, style: 'destructive',
    });
    expect(execute({ title: 'Reject', verb: VERBS.reject, value: '12' })).not.toHaveProperty('style');
  });
});

describe('listWithMore', () => {
  it('shows at most max items and says how many more there are', () => {
    expect(listWithMore([1, 2, 3, 4, 5], 3, (n) => `item ${n}`)).toEqual(['item 1', 'item 2', 'item 3', '…and 2 more']);
    expect(listWithMore([1, 2], 3, (n) => `item ${n}`)).toEqual(['item 1', 'item 2']);
    expect(listWithMore([1, 2, 3], 1, String, { hint: 'see the CLI' })).toEqual(['1', '…and 2 more — see the CLI']);
  });
  it('stops early at its byte budget, but always shows one item', () => {
    const shown = listWithMore(Array.from({ length: 100 }, (_, i) => i), 100, (i) => `${i} ${'x'.repeat(100)}`, { budget: 1_000 });
    expect(shown.length).toBeLessThan(10);
    expect(shown.at(-1)).toMatch(/^…and 9\d more$/);
    expect(listWithMore(['y'.repeat(5_000)], 10, String, { budget: 10 })).toHaveLength(1);
  });
});

describe('finish', () => {
  const rows = (n: number, prefix = 'row') => Array.from({ length: n }, (_, i) => `${prefix} ${i} ${'x'.repeat(200)}`);

  it('leaves a small card alone and makes the summary plain', () => {
    const small = withinLimits(message('✅ **corp\\_ad** synced', [text('ok')]));
    expect(small.summary).toBe('✅ corp_ad synced');
    expect(textBlocks(small)).toEqual(['ok']);
  });

  it('drops from the end of the longest list, says how many, and keeps the actions', () => {
    const buttons = [execute({ title: 'Test now', verb: VERBS.testNow, value: 'corp-ad' })];
    const big = withinLimits(message('big', [text('title'), lines(rows(30, 'short')), lines(rows(400)), text('footer')], buttons));
    expect(size(big.card)).toBeLessThan(LIMITS.cardBytes);
    const all = allText(big);
    expect(all).toContain('title');
    expect(all).toContain(`short 29 ${'x'.repeat(200)}`);
    expect(all).toContain('footer');
    expect(all).toMatch(/…and 3\d\d more not shown: too long for one Teams message\./);
    expect(actions(big)).toEqual(buttons);
  });

  it('drops whole parts from the end of the body when the body is the longest list', () => {
    const parts = Array.from({ length: 120 }, (_, i) => container([text(`part ${i} ${'y'.repeat(300)}`), text('by someone')]));
    const big = withinLimits(finish({ summary: 'x'.repeat(1_000), card: card([text('head'), ...parts]) }));
    expect(big.summary).toHaveLength(LIMITS.summaryChars);
    const texts = textBlocks(big);
    expect(texts[0]).toBe('head');
    expect(texts.filter((t) => t.startsWith('part '))).toHaveLength(texts.filter((t) => t === 'by someone').length);
    expect(texts.at(-1)).toMatch(/^…and \d+ more not shown/);
  });

  it('does not change the card it was given', () => {
    const original = card([lines(rows(400))]);
    const before = JSON.stringify(original);
    withinLimits(finish({ summary: 's', card: original }));
    expect(JSON.stringify(original)).toBe(before);
  });
});
