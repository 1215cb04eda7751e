import { changeState, StateChangeInput } from './internal/set-state.ts';
import { defineCommand } from '../define-command.ts';

export const enableIntegration = defineCommand({
  name: 'integration.enable',
  summary: 'Enabling an integration',
  minRole: 'operator',
  audited: true,
  input: StateChangeInput,
  run: ({ ctx, input }) =>
    changeState(ctx, 'integration.enable', input, (state) => {
      if (state === 'disabled') return { to: 'enabled' };
      if (state === 'error') return { note: 'it is enabled but in error: it returns to enabled when a test or sync passes' };
      return { note: 'it is already enabled' };
    }),
});
