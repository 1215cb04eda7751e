import type { App, BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { CommandContext } from '../../commands/context.ts';
import { approveRequest, rejectRequest } from '../../commands/approval/decide.ts';
import { enableIntegration } from '../../commands/integration/enable.ts';
import { requestDelete } from '../../commands/integration/request-delete.ts';
import { requestSync } from '../../commands/sync/request.ts';
import { snoozeAlert } from '../../commands/alert/snooze.ts';
import { testIntegration } from '../../commands/integration/test.ts';
import { BUTTONS, type ButtonId } from '../../presenters/buttons.ts';
import { presentStateChange } from '../../presenters/integrations.ts';
import { presentTestReport } from '../../presenters/test-report.ts';
import { presentError } from '../../presenters/help.ts';
import { toSlack, type SlackMessage } from './block-kit.ts';
import { toCommandError } from '../../core/errors.ts';
import type { SlackFaceDeps } from './command-listener.ts';
import { followRuns } from './follow-runs.ts';
import { who } from './mrkdwn.ts';
import { slackContext } from './slack-context.ts';

interface Click {
  ctx: CommandContext;
  value: string;
  client: WebClient;
  channel: string;
  /** The message the button sits on: results go in its thread. */
  messageTs: string | undefined;
  user: string;
}

/**
 * What each button does. Approve/Reject and Snooze only change rows: the outbox re-renders the
 * message for everyone. Test now / Sync now answer in the alert's thread.
 */
const HANDLERS: Record<ButtonId, (click: Click, face: SlackFaceDeps) => Promise<void>> = {
  approve: async ({ ctx, value }) => void (await approveRequest({ ctx, input: { id: value } })),
  reject: async ({ ctx, value }) => void (await rejectRequest({ ctx, input: { id: value } })),
  snooze: async ({ ctx, value }) => void (await snoozeAlert({ ctx, input: { id: value } })),
  deleteIntegration: async ({ ctx, value }) => void (await requestDelete({ ctx, input: { name: value } })),
  enableIntegration: async (click) => {
    const change = await enableIntegration({ ctx: click.ctx, input: { name: click.value } });
    await inThread(click, toSlack(presentStateChange('enable', change)));
  },
  testNow: async (click) => {
    const report = await testIntegration({ ctx: click.ctx, input: { name: click.value } });
    await inThread(click, toSlack(presentTestReport(report)));
  },
  syncNow: async (click, face) => {
    const { runs } = await requestSync({ ctx: click.ctx, input: { name: click.value } });
    face.wake();
    await followRuns({ ctx: click.ctx, client: click.client, channel: click.channel, ...(click.messageTs && { threadTs: click.messageTs }), runIds: runs.map((r) => r.run), intervalMs: face.progressIntervalMs });
  },
};

export function registerActions(app: App, face: SlackFaceDeps): void {
  for (const [id, handle] of Object.entries(HANDLERS) as [ButtonId, (typeof HANDLERS)[ButtonId]][]) {
    app.action<BlockAction<ButtonAction>>(BUTTONS[id].slack, async ({ ack, body, action, client, respond }) => {
      await ack(); // a click is acknowledged at once; its effect shows up in the message
      const channel = body.channel?.id ?? body.container?.channel_id;
      if (!channel) return;
      try {
        const ctx = await slackContext(face.deps, face.accountId, { userId: body.user.id, userName: body.user.name, channel });
        const click: Click = { ctx, value: action.value ?? '', client, channel, messageTs: body.message?.ts ?? body.container?.message_ts, user: body.user.id };
        await handle(click, face);
        face.wake();
      } catch (e) {
        await refuse(respond, toSlack(presentError(toCommandError(e, face.deps, 'a Slack button')))).catch((err: unknown) => face.deps.log.warn('could not tell a Slack user why a button did nothing', { err }));
      }
    });
  }
}

async function inThread(click: Click, message: SlackMessage): Promise<void> {
  const lead = `${who(`slack:${click.user}`)} clicked:`;
  await click.client.chat.postMessage({
    channel: click.channel,
    ...(click.messageTs && { thread_ts: click.messageTs }),
    text: `${lead} ${message.text}`,
    blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text: lead }] }, ...message.blocks],
  });
}

/** Only the person who clicked sees why nothing happened (four-eyes, role, already decided). */
function refuse(respond: RespondFn, message: SlackMessage) {
  return respond({ response_type: 'ephemeral', replace_original: false, ...message });
}
