import type { App, BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { CommandContext } from '../../commands/context.ts';
import { approveRequest, rejectRequest } from '../../commands/approval/decide.ts';
import { enableIntegration } from '../../commands/integration/enable.ts';
import { requestDelete } from '../../commands/integration/request-delete.ts';
import { requestSync } from '../../commands/sync/request.ts';
import { snoozeAlert } from '../../commands/alert/snooze.ts';
import { testIntegration } from '../../commands/integration/test.ts';
import { ACTIONS, messageArgs, type ActionId } from './actions.ts';
import { toCommandError, type SlackFaceDeps } from './command-listener.ts';
import { followRuns } from './follow-runs.ts';
import { who } from './render/blocks.ts';
import { renderError, renderResult } from './render/result.ts';
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
const HANDLERS: Record<ActionId, (click: Click, face: SlackFaceDeps) => Promise<void>> = {
  [ACTIONS.approve]: async ({ ctx, value }) => void (await approveRequest({ ctx, input: { id: value } })),
  [ACTIONS.reject]: async ({ ctx, value }) => void (await rejectRequest({ ctx, input: { id: value } })),
  [ACTIONS.snooze]: async ({ ctx, value }) => void (await snoozeAlert({ ctx, input: { id: value } })),
  [ACTIONS.deleteIntegration]: async ({ ctx, value }) => void (await requestDelete({ ctx, input: { name: value } })),
  [ACTIONS.enableIntegration]: async (click) => {
    const change = await enableIntegration({ ctx: click.ctx, input: { name: click.value } });
    await inThread(click, renderResult({ verb: 'enable', change }));
  },
  [ACTIONS.testNow]: async (click) => {
    const report = await testIntegration({ ctx: click.ctx, input: { name: click.value } });
    await inThread(click, renderResult({ verb: 'test', report }));
  },
  [ACTIONS.syncNow]: async (click, face) => {
    const { runs } = await requestSync({ ctx: click.ctx, input: { name: click.value } });
    face.wake();
    await followRuns({ ctx: click.ctx, client: click.client, channel: click.channel, ...(click.messageTs && { threadTs: click.messageTs }), runIds: runs.map((r) => r.run), intervalMs: face.progressIntervalMs });
  },
};

export function registerActions(app: App, face: SlackFaceDeps): void {
  for (const [id, handle] of Object.entries(HANDLERS)) {
    app.action<BlockAction<ButtonAction>>(id, async ({ ack, body, action, client, respond }) => {
      await ack(); // a click is acknowledged at once; its effect shows up in the message
      const channel = body.channel?.id ?? body.container?.channel_id;
      if (!channel) return;
      try {
        const ctx = await slackContext(face.deps, face.accountId, { userId: body.user.id, userName: body.user.name, channel });
        const click: Click = { ctx, value: action.value ?? '', client, channel, messageTs: body.message?.ts ?? body.container?.message_ts, user: body.user.id };
        await handle(click, face);
        face.wake();
      } catch (e) {
        await refuse(respond, renderError(toCommandError(e, face))).catch((err: unknown) => face.deps.log.warn('could not tell a Slack user why a button did nothing', { err }));
      }
    });
  }
}

async function inThread(click: Click, message: { text: string; blocks: Record<string, unknown>[] }): Promise<void> {
  const lead = `${who(`slack:${click.user}`)} clicked:`;
  await click.client.chat.postMessage({
    channel: click.channel,
    ...(click.messageTs && { thread_ts: click.messageTs }),
    ...messageArgs({ text: `${lead} ${message.text}`, blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text: lead }] }, ...message.blocks] }),
  });
}

/** Only the person who clicked sees why nothing happened (four-eyes, role, already decided). */
function refuse(respond: RespondFn, message: { text: string; blocks: Record<string, unknown>[] }) {
  return respond({ response_type: 'ephemeral', replace_original: false, ...messageArgs(message) });
}
