import { changeState, StateChangeInput, type StateChangeResult } from './internal/set-state.ts';
import { defineCommand } from '../define-command.ts';
import { NAME } from '../internal/words.ts';
import { presentStateChange } from '../../presenters/integrations.ts';

export const enableIntegration = defineCommand({
  name: 'integration.enable',
  summary: 'Enabling an integration',
  minRole: 'operator',
  audited: true,
  input: StateChangeInput,
  face: {
    words: 'enable',
    aliases: ['integrations enable'],
    args: [NAME],
    options: [{ key: 'reason', name: 'reason', kind: 'text', value: 'TEXT', help: 'Why, for the audit log' }],
    summary: 'Enable an integration',
    faces: ['cli', 'chat', 'dashboard'],
    inChannel: true,
    menu: 9,
    present: (change: StateChangeResult) => presentStateChange('enable', change),
  },
  run: ({ ctx, input }) =>
    changeState(ctx, 'integration.enable', input, (state) => {
      if (state === 'disabled') return { to: 'enabled' };
      if (state === 'error') return { note: 'it is enabled but in error: it returns to enabled when a test or sync passes' };
      return { note: 'it is already enabled' };
    }),
});
