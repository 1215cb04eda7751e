import type { ConversationReference } from 'botbuilder';
import type { CommandContext } from '../../commands/context.ts';
import { followChatRuns } from '../chat/follow-runs.ts';
import { presentRuns } from '../../presenters/run.ts';
import { toTeams } from './adaptive-card.ts';
import type { TeamsFaceDeps } from './teams-bot.ts';
import { sendCard, updateCard } from './teams-send.ts';

/** Where the progress card goes: an activity already sent (edited from the start), or a new card under `thread`. */
export type ProgressCard = { activityId: string } | { thread: string | undefined };

/** A sync's progress as one Teams card, edited in place until every run has finished (after the turn). */
export function followRuns(face: TeamsFaceDeps, ctx: CommandContext, reference: ConversationReference, runIds: number[], card: ProgressCard): void {
  let id = 'activityId' in card ? card.activityId : null;
  face.background(
    followChatRuns(ctx, runIds, face.progressIntervalMs, async (runs) => {
      if (id === null) id = await sendCard(face.adapter, reference, toTeams(presentRuns(runs)), 'thread' in card ? card.thread : undefined);
      else await updateCard(face.adapter, reference, id, toTeams(presentRuns(runs)));
    }),
    'following a sync for Teams',
  );
}
