import { changeState, StateChangeInput } from './internal/set-state.ts';
import { defineCommand } from '../define-command.ts';

export const disableIntegration = defineCommand({
  name: 'integration.disable',
  summary: 'Disabling an integration',
  minRole: 'operator',
  audited: true,
  input: StateChangeInput,
  // Disabling holds every destructive change of the whole account (docs/architecture.md#the-gate): the faces say so.
  run: ({ ctx, input }) =>
    changeState(ctx, 'integration.disable', input, (state) =>
      state === 'disabled' ? { note: 'it is already disabled' } : { to: 'disabled' },
    ),
});
