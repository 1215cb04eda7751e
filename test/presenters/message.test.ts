import { describe, expect, it } from 'vitest';
import { BUTTON_IDS, BUTTONS, buttonFor } from '../../src/presenters/buttons.ts';
import { bold, code, flat, join, list, moreLine, rich, shortened, who } from '../../src/presenters/message.ts';

describe('structured text', () => {
  it('keeps interpolated strings as plain text, marks as marks, and drops what is false or empty', () => {
    const name = 'a*b<c>';
    expect(rich`Sync #${42} of ${bold(name)} by ${who('slack:U1')}${false}${null}${''}`).toEqual(['Sync #42 of ', { mark: 'bold', text: [name] }, ' by ', { mark: 'who', identity: 'slack:U1' }]);
    expect(rich`${'a'}${'b'}${['c', code('d')]}`).toEqual(['abc', { mark: 'code', text: 'd' }]);
    expect(join([['a'], bold('b'), 'c'], ', ')).toEqual(['a, ', { mark: 'bold', text: ['b'] }, ', c']);
    expect(flat([])).toEqual([]);
  });
});

describe('lists', () => {
  const items = Array.from({ length: 12 }, (_, i) => [`item ${i}`]);
  const render = (line: readonly unknown[]) => String(line[0]);

  it('show at most `max` entries and say how many more there are, with the hint', () => {
    expect(shortened(list(items, { max: 5 }) as never, render, () => 0)).toEqual(['item 0', 'item 1', 'item 2', 'item 3', 'item 4', '…and 7 more']);
    expect(shortened(list(items, { max: 20 }) as never, render, () => 0)).toHaveLength(12);
    expect(moreLine(1234, ['see the CLI'])).toEqual(['…and 1,234 more — see the CLI']);
  });
  it('stop early at the budget, measured as the face measures, but always show one entry', () => {
    const part = list(items, { max: 20, hint: ['see the CLI'] }) as never;
    expect(shortened(part, render, () => 100, 350)).toEqual(['item 0', 'item 1', 'item 2', '…and 9 more — see the CLI']);
    expect(shortened(part, render, () => 5_000, 10)).toHaveLength(2);
  });
});

describe('the button table', () => {
  it('keeps the ids that messages already posted carry', () => {
    expect(Object.fromEntries(BUTTON_IDS.map((id) => [id, [BUTTONS[id].slack, BUTTONS[id].teams]]))).toEqual({
      approve: ['dirsync.approval.approve', 'dirsync.approve'],
      reject: ['dirsync.approval.reject', 'dirsync.reject'],
      testNow: ['dirsync.alert.test', 'dirsync.test'],
      syncNow: ['dirsync.alert.sync', 'dirsync.sync'],
      deleteIntegration: ['dirsync.lingering.delete', 'dirsync.delete'],
      enableIntegration: ['dirsync.lingering.enable', 'dirsync.enable'],
      snooze: ['dirsync.lingering.snooze', 'dirsync.snooze'],
    });
  });
  it('finds a button by the id each platform sends back, and nothing for an unknown one', () => {
    for (const id of BUTTON_IDS) {
      expect(buttonFor('slack', BUTTONS[id].slack)).toBe(id);
      expect(buttonFor('teams', BUTTONS[id].teams)).toBe(id);
    }
    expect(buttonFor('teams', BUTTONS.approve.slack)).toBeUndefined();
    expect(buttonFor('slack', 'dirsync.nope')).toBeUndefined();
  });
  it('asks first for the buttons that destroy, and only those', () => {
    expect(BUTTON_IDS.filter((id) => 'confirm' in BUTTONS[id])).toEqual(['approve', 'deleteIntegration']);
    expect(BUTTON_IDS.filter((id) => (BUTTONS[id] as { style?: string }).style === 'danger')).toEqual(['approve', 'deleteIntegration']);
  });
});
