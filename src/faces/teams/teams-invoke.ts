import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { CommandContext } from '../../commands/context.ts';
import { approveRequest, rejectRequest } from '../../commands/approval/decide.ts';
import { enableIntegration } from '../../commands/integration/enable.ts';
import { loadSubject } from '../../commands/internal/notification-subject.ts';
import { requestDelete } from '../../commands/integration/request-delete.ts';
import { requestSync } from '../../commands/sync/request.ts';
import { snoozeAlert } from '../../commands/alert/snooze.ts';
import { testIntegration } from '../../commands/integration/test.ts';
import { presentAlert } from '../../presenters/alert.ts';
import { presentApproval } from '../../presenters/approval.ts';
import { buttonFor, type ButtonId } from '../../presenters/buttons.ts';
import { presentTestReport } from '../../presenters/test-report.ts';
import { presentError } from '../../presenters/help.ts';
import { toTeams, type AdaptiveCard, type TeamsMessage } from './adaptive-card.ts';
import { toCommandError } from '../../core/errors.ts';
import type { TeamsFaceDeps } from './teams-bot.ts';
import { teamsContext } from './teams-context.ts';
import { sendCard, storableReference } from './teams-send.ts';
import { followRuns } from './follow-runs.ts';

/** What an Action.Execute answers: the card that replaces the clicked one, or a line for the clicker. */
type Reply = { card: AdaptiveCard } | { message: string };

interface Click {
  face: TeamsFaceDeps;
  ctx: CommandContext;
  context: TurnContext;
  value: string;
}

/**
 * Approve / Reject / Snooze change rows and answer with the re-rendered card (the outbox also
 * updates every other copy). Test now / Sync now answer at once and post their result under the card.
 */
const HANDLERS: Record<ButtonId, (click: Click) => Promise<Reply>> = {
  approve: async ({ face, ctx, value }) => approvalCard(face, ctx, (await approveRequest({ ctx, input: { id: value } })).request.id),
  reject: async ({ face, ctx, value }) => approvalCard(face, ctx, (await rejectRequest({ ctx, input: { id: value } })).request.id),
  snooze: async ({ face, ctx, value }) => {
    const { alert } = await snoozeAlert({ ctx, input: { id: value } });
    const view = await loadSubject(ctx.store, ctx.accountId, 'alert', alert.id);
    return view?.subject === 'alert' ? { card: toTeams(presentAlert(view.alert, { now: ctx.now() })).card } : { message: 'Snoozed for 7 days.' };
  },
  deleteIntegration: async ({ ctx, value }) => {
    const { request, created } = await requestDelete({ ctx, input: { name: value } });
    return { message: `${created ? 'Deletion requested' : 'Deletion was already requested'} as #${request.id}: another admin approves it on its card.` };
  },
  enableIntegration: async ({ ctx, value }) => {
    const change = await enableIntegration({ ctx, input: { name: value } });
    return { message: change.changed ? `${value} is enabled again; the warning resolves at the next review.` : `${value}: ${change.note ?? 'nothing changed'}.` };
  },
  testNow: async (click) => {
    inThread(click, 'testing for Teams', async () => toTeams(presentTestReport(await testIntegration({ ctx: click.ctx, input: { name: click.value } }))));
    return { message: `Testing ${click.value}… the result follows under this card.` };
  },
  syncNow: async (click) => {
    const { runs } = await requestSync({ ctx: click.ctx, input: { name: click.value } });
    click.face.wake();
    followRuns(click.face, click.ctx, storableReference(click.context.activity), runs.map((r) => r.run), { thread: click.context.activity.replyToId });
    return { message: `Sync #${runs[0]!.run} of ${click.value} ${runs[0]!.joined ? 'was already running' : 'queued'}; progress follows under this card.` };
  },
};

export async function handleAction(face: TeamsFaceDeps, context: TurnContext): Promise<void> {
  const action = (context.activity.value as { action?: { verb?: string; data?: { value?: unknown } } } | undefined)?.action;
  const button = action?.verb ? buttonFor('teams', action.verb) : undefined;
  const handler = button && HANDLERS[button];
  let reply: Reply;
  if (!handler) {
    reply = { message: `Unknown action ${String(action?.verb)}: this card may come from an older version of dirsync.` };
  } else {
    try {
      const ctx = await teamsContext(face.deps, face.accountId, context.activity);
      reply = await handler({ face, ctx, context, value: String(action?.data?.value ?? '') });
      face.wake();
    } catch (e) {
      // Only the person who clicked sees why nothing happened (four-eyes, role, already decided).
      const error = toCommandError(e, face.deps, 'a Teams button');
      reply = { message: error.message };
    }
  }
  const body = 'card' in reply
    ? { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: reply.card }
    : { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: reply.message };
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
}

async function approvalCard(face: TeamsFaceDeps, ctx: CommandContext, id: number): Promise<Reply> {
  const view = await loadSubject(ctx.store, ctx.accountId, 'approval', id);
  if (view?.subject !== 'approval') return { message: `Request #${id} is settled.` };
  const names = await face.deps.store.conversations.names([view.approval.requestedBy, view.approval.decidedBy ?? ''].filter(Boolean));
  return { card: toTeams(presentApproval(view.approval, { now: ctx.now() }), { names }).card };
}

/** Runs slow work after the invoke is answered, and posts its result under the clicked card. */
function inThread(click: Click, what: string, work: () => Promise<TeamsMessage>): void {
  const reference = storableReference(click.context.activity);
  const thread = click.context.activity.replyToId;
  click.face.background(
    work()
      .catch((e: unknown) => toTeams(presentError(toCommandError(e, click.face.deps, what))))
      .then((message) => sendCard(click.face.adapter, reference, message, thread)),
    what,
  );
}
