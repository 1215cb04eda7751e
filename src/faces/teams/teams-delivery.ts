import type { ConversationReference } from 'botbuilder';
import type { AlertEvent, ApprovalEvent } from '../../core/alerts.ts';
import type { Delivery } from '../../core/chat-ports.ts';
import type { Logger, Store } from '../../core/ports.ts';
import { loadSubject, type SubjectView } from '../../commands/internal/notification-subject.ts';
import type { DeliveryOutcome } from '../chat/dispatcher.ts';
import { presentAlert, presentAlertThread } from '../../presenters/alert.ts';
import { presentApproval, presentApprovalThread } from '../../presenters/approval.ts';
import type { Message } from '../../presenters/message.ts';
import { toTeams, type TeamsMessage } from './adaptive-card.ts';
import type { TeamsAdapter } from './teams-adapter.ts';
import { sendCard, updateCard } from './teams-send.ts';

/** Statuses Teams asks to be retried later (throttling, a busy thread, gateway trouble). */
const TRANSIENT = new Set([412, 429, 502, 503, 504]);
/** The bot cannot post there any more (removed from the team, chat deleted). */
const GONE = new Set([403, 404]);

class Paused extends Error {
  readonly until: Date;
  constructor(conversation: string, until: Date) {
    super(`Teams asked to wait before posting in ${conversation} until ${until.toISOString()}`);
    this.until = until;
  }
}

const statusOf = (e: unknown) => (e as { statusCode?: number }).statusCode;
const retryAfterOf = (e: unknown) => Number((e as { response?: { headers?: { get?(name: string): string | undefined } } }).response?.headers?.get?.('retry-after') ?? NaN);

/**
 * Posts alert and approval notifications into Teams with the stored conversation references:
 * the first one for a subject posts its card, later ones update that card for everyone and reply
 * under it. Throttling pauses only its conversation, for Retry-After (or 2 s, 4 s, … when absent).
 */
export function teamsDelivery(opts: { store: Store; adapter: TeamsAdapter; log: Logger; now: () => Date }) {
  const pausedUntil = new Map<string, number>();
  const backoff = new Map<string, number>();

  async function call<T>(conversation: string, fn: () => Promise<T>): Promise<T> {
    const until = pausedUntil.get(conversation) ?? 0;
    if (until > opts.now().getTime()) throw new Paused(conversation, new Date(until));
    try {
      const result = await fn();
      backoff.delete(conversation);
      return result;
    } catch (e) {
      const status = statusOf(e);
      if (status === undefined || !TRANSIENT.has(status)) throw e;
      const tries = (backoff.get(conversation) ?? 0) + 1;
      backoff.set(conversation, tries);
      const waitS = Number.isFinite(retryAfterOf(e)) ? retryAfterOf(e) : Math.min(2 ** tries, 300) * (0.75 + Math.random() / 2);
      const resume = opts.now().getTime() + Math.max(1, waitS) * 1000;
      pausedUntil.set(conversation, resume);
      throw new Paused(conversation, new Date(resume));
    }
  }

  async function reference(conversationId: string): Promise<ConversationReference | null> {
    return ((await opts.store.conversations.get('teams', conversationId))?.reference as unknown as ConversationReference | undefined) ?? null;
  }

  async function candidates(d: Delivery, previous: string | null): Promise<string[]> {
    const found = [previous, d.payload.origin?.platform === 'teams' ? d.payload.origin.channel : null].filter((c): c is string => c !== null);
    const destination = await opts.store.destinations.get(d.accountId, 'teams');
    const channel = typeof destination?.target?.channel === 'string' ? destination.target.channel : null;
    if (channel && !found.includes(channel)) found.push(channel);
    return found;
  }

  async function post(d: Delivery, parent: TeamsMessage, thread: TeamsMessage | null, previous: string | null = null): Promise<DeliveryOutcome> {
    const refused: string[] = [];
    for (const conversation of await candidates(d, previous)) {
      const ref = await reference(conversation);
      if (!ref) {
        refused.push(`${conversation}: no stored conversation reference`);
        continue;
      }
      try {
        const id = await call(conversation, () => sendCard(opts.adapter, ref, parent));
        await opts.store.chatMessages.save({ platform: 'teams', subject: d.subject, subjectId: d.subjectId, channel: conversation, messageId: id, meta: null }, opts.now());
        if (thread) await call(conversation, () => sendCard(opts.adapter, ref, thread, id));
        return { status: 'sent' };
      } catch (e) {
        if (e instanceof Paused || !GONE.has(statusOf(e) ?? 0)) throw e;
        refused.push(`${conversation}: HTTP ${statusOf(e)}`);
      }
    }
    if (refused.length === 0) return { status: 'skipped' }; // no Teams alert channel: nothing to do
    return { status: 'failed', error: `no Teams conversation took the card (${refused.join('; ')}): say @dirsync alerts here again` };
  }

  return async function deliver(d: Delivery): Promise<DeliveryOutcome> {
    const view = await loadSubject(opts.store, d.accountId, d.subject, d.subjectId);
    if (!view) return { status: 'skipped' };
    const { parent, thread } = await render(opts.store, view, d, opts.now());
    try {
      const existing = await opts.store.chatMessages.find('teams', d.subject, d.subjectId);
      if (existing.length === 0) return await post(d, parent, thread);
      for (const m of existing) {
        const ref = await reference(m.channel);
        if (!ref) continue;
        try {
          await call(m.channel, () => updateCard(opts.adapter, ref, m.messageId, parent));
        } catch (e) {
          // The card was deleted: post it again rather than lose the problem.
          if (statusOf(e) === 404) return await post(d, parent, thread, m.channel);
          throw e;
        }
        if (thread) await call(m.channel, () => sendCard(opts.adapter, ref, thread, m.messageId));
      }
      return { status: 'sent' };
    } catch (e) {
      if (e instanceof Paused) return { status: 'retry', retryAt: e.until, error: e.message };
      throw e; // the dispatcher backs off and retries
    }
  };
}

async function render(store: Store, view: SubjectView, d: Delivery, now: Date): Promise<{ parent: TeamsMessage; thread: TeamsMessage | null }> {
  if (view.subject === 'alert') {
    const names = await store.conversations.names([view.alert.snoozedBy, d.payload.by].filter((x): x is string => !!x));
    const thread = presentAlertThread(view.alert, d.event as AlertEvent, d.payload);
    return { parent: toTeams(presentAlert(view.alert, { now }), { names }), thread: thread && toTeams(thread, { names }) };
  }
  const a = view.approval;
  const names = await store.conversations.names([a.requestedBy, a.decidedBy, d.payload.by].filter((x): x is string => !!x));
  const thread: Message | null = presentApprovalThread(a, d.event as ApprovalEvent, d.payload);
  return { parent: toTeams(presentApproval(a, { now }), { names }), thread: thread && toTeams(thread, { names }) };
}
