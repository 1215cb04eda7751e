import { changeState, StateChangeInput, type StateChangeResult } from './internal/set-state.ts';
import { defineCommand } from '../define-command.ts';
import { NAME, rest } from '../internal/words.ts';
import { presentStateChange } from '../../presenters/integrations.ts';

export const disableIntegration = defineCommand({
  name: 'integration.disable',
  summary: 'Disabling an integration',
  minRole: 'operator',
  audited: true,
  input: StateChangeInput,
  face: {
    words: 'disable',
    aliases: ['integrations disable'],
    args: [NAME, rest('reason', 'why it is disabled')],
    summary: 'Disable an integration (holds destructive changes account-wide)',
    details: 'While an integration is disabled, every destructive change (removals, address-type changes,\ndeletions) of every integration in the account is held.',
    faces: ['cli', 'chat', 'dashboard'],
    destructive: true,
    inChannel: true,
    menu: 10,
    present: (change: StateChangeResult) => presentStateChange('disable', change),
  },
  // Disabling holds every destructive change of the whole account (docs/architecture.md#the-gate): the faces say so.
  run: ({ ctx, input }) =>
    changeState(ctx, 'integration.disable', input, (state) =>
      state === 'disabled' ? { note: 'it is already disabled' } : { to: 'disabled' },
    ),
});
