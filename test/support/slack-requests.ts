import { signSlackRequest } from './slack-sign.ts';
import type { FakeSlack } from './slack-api.ts';

/** What reaches POST /slack/events: anything with Hono's `request`. */
export interface SlackTarget {
  request(path: string, init: RequestInit): Response | Promise<Response>;
}

export interface SignOptions {
  secret: string;
  /** Seconds since the epoch; default now. */
  timestamp?: number;
  /** Send this signature instead of the correct one (a forgery). */
  signature?: string;
  /** More headers, e.g. Slack's X-Slack-Retry-Num. */
  headers?: Record<string, string>;
}

/** Posts a body to /slack/events signed the way Slack signs it. */
export async function postSigned(app: SlackTarget, body: string, contentType: string, sign: SignOptions): Promise<Response> {
  const timestamp = sign.timestamp ?? Math.floor(Date.now() / 1000);
  return app.request('/slack/events', {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': sign.signature ?? signSlackRequest(sign.secret, timestamp, body),
      ...sign.headers,
    },
    body,
  });
}

export interface SlashOptions extends SignOptions {
  text: string;
  user: string;
  channel?: string;
  responseUrl?: string;
}

/** A `/dirsync …` slash command as Slack sends it (form-encoded, with a response_url). */
export function slashCommandBody(slack: FakeSlack, opts: Omit<SlashOptions, keyof SignOptions>) {
  const responseUrl = opts.responseUrl ?? slack.newResponseUrl();
  const body = new URLSearchParams({
    token: 'deprecated-verification-token', team_id: 'T1', team_domain: 'corp', channel_id: opts.channel ?? 'COPS', channel_name: 'ops',
    user_id: opts.user, user_name: opts.user.toLowerCase(), command: '/dirsync', text: opts.text, api_app_id: 'A1',
    response_url: responseUrl, trigger_id: crypto.randomUUID(),
  }).toString();
  return { body, responseUrl };
}

export async function slashCommand(app: SlackTarget, slack: FakeSlack, opts: SlashOptions) {
  const { body, responseUrl } = slashCommandBody(slack, opts);
  const response = await postSigned(app, body, 'application/x-www-form-urlencoded', opts);
  const raw = await response.text();
  const ack = raw && response.headers.get('content-type')?.includes('json') ? (JSON.parse(raw) as { text?: string; blocks?: unknown[]; response_type?: string }) : null;
  return { response, ack, responseUrl, fromResponseUrl: () => slack.responses.filter((r) => r.url === responseUrl) };
}

export interface ClickOptions extends SignOptions {
  actionId: string;
  value: string;
  user: string;
  channel: string;
  messageTs: string;
}

/** A button click (block_actions) on a message, as Slack posts it. */
export async function clickButton(app: SlackTarget, slack: FakeSlack, opts: ClickOptions) {
  const responseUrl = slack.newResponseUrl();
  const payload = {
    type: 'block_actions',
    team: { id: 'T1', domain: 'corp' },
    user: { id: opts.user, username: opts.user.toLowerCase(), name: opts.user.toLowerCase(), team_id: 'T1' },
    api_app_id: 'A1',
    token: 'deprecated-verification-token',
    container: { type: 'message', message_ts: opts.messageTs, channel_id: opts.channel, is_ephemeral: false },
    trigger_id: crypto.randomUUID(),
    channel: { id: opts.channel, name: 'alerts' },
    message: { type: 'message', ts: opts.messageTs, text: '' },
    response_url: responseUrl,
    actions: [{ type: 'button', action_id: opts.actionId, block_id: 'b1', value: opts.value, text: { type: 'plain_text', text: 'x' }, action_ts: String(Date.now() / 1000) }],
  };
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const response = await postSigned(app, body, 'application/x-www-form-urlencoded', opts);
  return { response, responseUrl, fromResponseUrl: () => slack.responses.filter((r) => r.url === responseUrl) };
}
