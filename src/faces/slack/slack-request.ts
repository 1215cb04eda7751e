import type { SeenRequests } from '../../core/chat-ports.ts';
import type { Logger } from '../../core/ports.ts';
import { slackReplayGuard, type Admission, type SignedSlackRequest } from './replay-guard.ts';
import { checkSlackPayload, type SlackPayload } from './slack-payload.ts';
import { verifySlackSignature } from './verify-signature.ts';

/** A signed Slack request's body as Bolt reads it: form fields, JSON, or interactivity's `payload` field; checked against what dirsync accepts. */
export type ReadRequest = { ok: true; body: Record<string, unknown>; payload: SlackPayload } | { ok: false; reason: string };

export function readSlackRequest(raw: string, contentType: string): ReadRequest {
  let body: unknown;
  try {
    if (contentType.includes('application/json')) body = JSON.parse(raw);
    else {
      const form = Object.fromEntries(new URLSearchParams(raw));
      // Interactivity (buttons) posts one form field, `payload`, holding JSON.
      body = typeof form.payload === 'string' ? JSON.parse(form.payload) : form;
    }
  } catch {
    return { ok: false, reason: 'unreadable request body (not the form or JSON Slack sends)' };
  }
  const check = checkSlackPayload(body);
  return check.ok ? { ok: true, body: body as Record<string, unknown>, payload: check.payload } : check;
}

export function slackRetry(headers: Headers): { retryNum?: number; retryReason?: string } {
  const num = headers.get('x-slack-retry-num');
  const reason = headers.get('x-slack-retry-reason');
  return { ...(num && { retryNum: Number(num) }), ...(reason && { retryReason: reason }) };
}

export type SlackRetry = ReturnType<typeof slackRetry>;

export interface SlackHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export const text = (status: number, body: string): SlackHttpResponse => ({ status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body });
export const json = (value: unknown): SlackHttpResponse => ({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });

/** A request to run (`body`, `payload`), or the answer it already has (`response`). */
export type Admitted = { response: SlackHttpResponse } | { body: Record<string, unknown>; payload: SlackPayload; retried: SlackRetry };
export type SlackGate = (rawBody: string, headers: Headers) => Promise<Admitted>;

/**
 * Everything a Slack request passes before anything runs, the same behind Bolt on Node and on a
 * Worker: the signature over the raw bytes (401), the payload against what dirsync accepts (400),
 * that the request was not accepted before (a replay: 401; a retry of one handled: an empty 200),
 * and Slack's one-time URL challenge, echoed.
 */
export function slackGate(opts: { signingSecret: string; seen: SeenRequests; log: Logger; now?: () => Date }): SlackGate {
  const admit = slackReplayGuard(opts.seen, opts.log);
  const log = opts.log;
  /** null when the request is new; otherwise the answer to a replay, a retry, or a store that is down. */
  async function refuseIfSeen(request: SignedSlackRequest, retried: SlackRetry): Promise<SlackHttpResponse | null> {
    let admission: Admission;
    try {
      admission = await admit(request);
    } catch (err) {
      log.error('could not check a Slack request against replays', { err });
      return text(503, 'dirsync could not check this request against replays: its database did not answer (the error was logged); Slack retries events, and a command can be sent again');
    }
    const type = request.payload.kind;
    if (admission === 'replay') {
      log.warn('refused a Slack request', { reason: 'replay: this signature was already accepted', type });
      return text(401, 'replayed request: this signed request was already accepted once');
    }
    if (admission === 'new') return null;
    // Slack retries an event it did not see acknowledged within 3 s: the first delivery is handled, or being handled.
    if (retried.retryNum !== undefined) log.info('acknowledged a Slack retry of a request already handled', { ...retried, type });
    else log.warn('acknowledged a copy of a Slack request already handled, under a new signature; not run again', { type });
    return text(200, '');
  }
  return async (rawBody, headers) => {
    const now = opts.now?.() ?? new Date();
    const timestamp = headers.get('x-slack-request-timestamp') ?? undefined;
    const signature = headers.get('x-slack-signature') ?? undefined;
    const check = await verifySlackSignature({ signingSecret: opts.signingSecret, timestamp, signature, rawBody, now });
    if (!check.ok) {
      log.warn('refused a Slack request', { reason: check.reason });
      return { response: text(401, `invalid request signature: ${check.reason}`) };
    }
    const read = readSlackRequest(rawBody, headers.get('content-type') ?? '');
    if (!read.ok) {
      log.warn('refused a malformed Slack request', { reason: read.reason });
      return { response: text(400, `malformed Slack request: ${read.reason}`) };
    }
    const retried = slackRetry(headers);
    const refusal = await refuseIfSeen({ signature: signature!, timestamp: Number(timestamp), rawBody, payload: read.payload, now }, retried);
    if (refusal) return { response: refusal };
    if (read.payload.kind === 'url_verification') return { response: json({ challenge: read.payload.body.challenge }) };
    return { body: read.body, payload: read.payload, retried };
  };
}
