import { WebAPIPlatformError, WebAPIRateLimitedError, type WebClient } from '@slack/web-api';
import type { AlertEvent, ApprovalEvent } from '../../core/alerts.ts';
import type { Delivery } from '../../core/chat-ports.ts';
import type { Logger, Store } from '../../core/ports.ts';
import { loadSubject, type SubjectView } from '../../commands/internal/notification-subject.ts';
import type { DeliveryOutcome } from '../chat/dispatcher.ts';
import { presentAlert, presentAlertThread } from '../../presenters/alert.ts';
import { presentApproval, presentApprovalThread } from '../../presenters/approval.ts';
import { toSlack, type SlackMessage } from './block-kit.ts';

/** Errors that mean "this channel cannot take the message": try the next candidate, don't retry. */
const UNREACHABLE = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action', 'cannot_reply_to_message']);

export interface SlackDeliveryOptions {
  store: Store;
  /** The dispatcher's own client (rejectRateLimitedCalls): a 429 here never delays command replies. */
  client: WebClient;
  defaultChannel: string | null;
  log: Logger;
  now: () => Date;
}

class Paused extends Error {
  readonly until: Date;
  constructor(channel: string, until: Date) {
    super(`Slack rate-limited channel ${channel} until ${until.toISOString()}`);
    this.until = until;
  }
}

/**
 * Posts alert and approval notifications: the first one for a subject posts its message (in the
 * request's channel, else the account's alert channel); later ones update that message in place
 * and add a thread reply. A 429 pauses only its channel, for `Retry-After`.
 */
export function slackDelivery(opts: SlackDeliveryOptions) {
  const pausedUntil = new Map<string, number>();

  async function call<T>(channel: string, fn: () => Promise<T>): Promise<T> {
    const until = pausedUntil.get(channel) ?? 0;
    if (until > opts.now().getTime()) throw new Paused(channel, new Date(until));
    try {
      return await fn();
    } catch (e) {
      if (e instanceof WebAPIRateLimitedError) {
        const resume = opts.now().getTime() + Math.max(1, e.retryAfter) * 1000;
        pausedUntil.set(channel, resume);
        throw new Paused(channel, new Date(resume));
      }
      throw e;
    }
  }

  const warnedNowhere = new Set<string>();

  /** Where a new message may go, best first: where it was before or was asked for, then the alert channel. */
  async function channels(d: Delivery, previous: string | null): Promise<string[]> {
    const found = [previous, d.payload.origin?.platform === 'slack' ? d.payload.origin.channel : null].filter((c): c is string => c !== null);
    const destination = await opts.store.destinations.get(d.accountId, 'slack');
    const alertChannel = destination ? (typeof destination.target?.channel === 'string' ? destination.target.channel : null) : opts.defaultChannel;
    if (alertChannel && !found.includes(alertChannel)) found.push(alertChannel);
    // Switched off on purpose is quiet; never set up is worth one line per account and process.
    if (found.length === 0 && !destination && !warnedNowhere.has(d.accountId)) {
      warnedNowhere.add(d.accountId);
      opts.log.warn('Slack: an alert has no channel to go to. Say /dirsync alerts here in the alert channel, or set SLACK_ALERT_CHANNEL', { account: d.accountId });
    }
    return found;
  }

  async function post(d: Delivery, parent: SlackMessage, thread: SlackMessage | null, previous: string | null = null): Promise<DeliveryOutcome> {
    const refused: string[] = [];
    for (const channel of await channels(d, previous)) {
      try {
        const posted = await call(channel, () => opts.client.chat.postMessage({ channel, ...parent, unfurl_links: false, unfurl_media: false }));
        await opts.store.chatMessages.save({ platform: 'slack', subject: d.subject, subjectId: d.subjectId, channel: posted.channel ?? channel, messageId: posted.ts!, meta: null }, opts.now());
        if (thread) await call(channel, () => opts.client.chat.postMessage({ channel: posted.channel ?? channel, thread_ts: posted.ts!, ...thread }));
        return { status: 'sent' };
      } catch (e) {
        if (e instanceof WebAPIPlatformError && UNREACHABLE.has(e.data.error)) {
          refused.push(`${channel}: ${e.data.error}`);
          continue;
        }
        throw e;
      }
    }
    if (refused.length === 0) return { status: 'skipped' }; // no alert channel set: nothing to do
    return { status: 'failed', error: `no channel took the message (${refused.join('; ')}): invite the bot, or say /dirsync alerts here in the alert channel` };
  }

  return async function deliver(d: Delivery): Promise<DeliveryOutcome> {
    const view = await loadSubject(opts.store, d.accountId, d.subject, d.subjectId);
    if (!view) return { status: 'skipped' };
    const { parent, thread } = render(view, d.event, d, opts.now());
    try {
      const existing = await opts.store.chatMessages.find('slack', d.subject, d.subjectId);
      if (existing.length === 0) return await post(d, parent, thread);
      for (const m of existing) {
        try {
          await call(m.channel, () => opts.client.chat.update({ channel: m.channel, ts: m.messageId, ...parent }));
        } catch (e) {
          // Someone deleted the message: post it again rather than lose the problem.
          if (e instanceof WebAPIPlatformError && e.data.error === 'message_not_found') return await post(d, parent, thread, m.channel);
          throw e;
        }
        // Reminders are broadcast so a daily warning is seen in the channel, not only in its thread.
        if (thread) await call(m.channel, () => opts.client.chat.postMessage({ channel: m.channel, thread_ts: m.messageId, ...thread, reply_broadcast: d.event === 'reminder' }));
      }
      return { status: 'sent' };
    } catch (e) {
      if (e instanceof Paused) return { status: 'retry', retryAt: e.until, error: e.message };
      if (e instanceof WebAPIPlatformError) {
        opts.log.warn('Slack refused a notification', { error: e.data.error, subject: `${d.subject}#${d.subjectId}`, event: d.event });
        return { status: 'failed', error: `Slack: ${e.data.error}` };
      }
      throw e; // network or HTTP error: the dispatcher backs off and retries
    }
  };
}

function render(view: SubjectView, event: string, d: Delivery, now: Date): { parent: SlackMessage; thread: SlackMessage | null } {
  const thread = (m: ReturnType<typeof presentAlertThread>) => m && toSlack(m);
  if (view.subject === 'alert') {
    return { parent: toSlack(presentAlert(view.alert, { now })), thread: thread(presentAlertThread(view.alert, event as AlertEvent, d.payload)) };
  }
  return { parent: toSlack(presentApproval(view.approval, { now })), thread: thread(presentApprovalThread(view.approval, event as ApprovalEvent, d.payload)) };
}
