import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import type { SeenRequests } from '../../core/chat-ports.ts';
import type { Logger } from '../../core/ports.ts';
import { slackReplayGuard, type Admission, type SignedSlackRequest } from './replay-guard.ts';
import { checkSlackPayload, type SlackPayload } from './slack-payload.ts';
import { verifySlackSignature } from './verify-signature.ts';

/** Slack gives up after 3 s; answering a little earlier leaves room for the network. */
const ACK_DEADLINE_MS = 2_500;

export interface SlackHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * A Bolt receiver that lives inside dirsync's Hono server instead of opening its own port. The
 * HTTP route hands it the raw request; it checks the signature before anything parses the body,
 * the payload against what dirsync accepts (400), that the request was not accepted before (a
 * replay: 401; a retry of one handled: an empty 200), then gives the event to Bolt and answers
 * with whatever the listener acknowledges.
 */
export class HonoReceiver implements Receiver {
  #app: App | null = null;
  readonly #signingSecret: string;
  readonly #log: Logger;
  readonly #now: () => Date;
  readonly #admit: ReturnType<typeof slackReplayGuard>;

  constructor(opts: { signingSecret: string; seen: SeenRequests; log: Logger; now?: () => Date }) {
    this.#signingSecret = opts.signingSecret;
    this.#log = opts.log;
    this.#now = opts.now ?? (() => new Date());
    this.#admit = slackReplayGuard(opts.seen, opts.log);
  }

  init(app: App): void {
    this.#app = app;
  }

  // The Hono server owns the socket; there is nothing to start or stop here.
  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  async handle(rawBody: string, headers: Headers): Promise<SlackHttpResponse> {
    const now = this.#now();
    const timestamp = headers.get('x-slack-request-timestamp') ?? undefined;
    const signature = headers.get('x-slack-signature') ?? undefined;
    const check = verifySlackSignature({ signingSecret: this.#signingSecret, timestamp, signature, rawBody, now });
    if (!check.ok) {
      this.#log.warn('refused a Slack request', { reason: check.reason });
      return text(401, `invalid request signature: ${check.reason}`);
    }
    const read = readRequest(rawBody, headers.get('content-type') ?? '');
    if (!read.ok) {
      this.#log.warn('refused a malformed Slack request', { reason: read.reason });
      return text(400, `malformed Slack request: ${read.reason}`);
    }
    const retried = retry(headers);
    const refusal = await this.#refuseIfSeen({ signature: signature!, timestamp: Number(timestamp), rawBody, payload: read.payload, now }, retried);
    if (refusal) return refusal;
    // Slack verifies the events URL once with a challenge that must be echoed.
    if (read.payload.kind === 'url_verification') return json({ challenge: read.payload.body.challenge });
    if (!this.#app) return text(503, 'Slack app not initialised');
    return this.#dispatch(this.#app, read.body, retried);
  }

  /** null when the request is new; otherwise the answer to a replay, a retry, or a store that is down. */
  async #refuseIfSeen(request: SignedSlackRequest, retried: ReturnType<typeof retry>): Promise<SlackHttpResponse | null> {
    let admission: Admission;
    try {
      admission = await this.#admit(request);
    } catch (err) {
      this.#log.error('could not check a Slack request against replays', { err });
      return text(503, 'dirsync could not check this request against replays: its database did not answer (the error was logged); Slack retries events, and a command can be sent again');
    }
    const type = request.payload.kind;
    if (admission === 'replay') {
      this.#log.warn('refused a Slack request', { reason: 'replay: this signature was already accepted', type });
      return text(401, 'replayed request: this signed request was already accepted once');
    }
    if (admission === 'new') return null;
    // Slack retries an event it did not see acknowledged within 3 s: the first delivery is handled, or being handled.
    if (retried.retryNum !== undefined) this.#log.info('acknowledged a Slack retry of a request already handled', { ...retried, type });
    else this.#log.warn('acknowledged a copy of a Slack request already handled, under a new signature; not run again', { type });
    return text(200, '');
  }

  async #dispatch(app: App, body: Record<string, unknown>, retried: ReturnType<typeof retry>): Promise<SlackHttpResponse> {
    let answer: (response: SlackHttpResponse) => void = () => {};
    const answered = new Promise<SlackHttpResponse>((resolve) => (answer = resolve));
    let acked = false;
    const event: ReceiverEvent = {
      body,
      ack: async (response?: unknown) => {
        if (acked) return; // a second ack is a listener bug, not a reason to fail the request
        acked = true;
        answer(response === undefined || response === '' ? text(200, '') : typeof response === 'string' ? text(200, response) : json(response));
      },
      ...retried,
    };
    const timer = setTimeout(() => {
      if (acked) return;
      acked = true;
      this.#log.warn('a Slack listener did not acknowledge in time; answered with an empty 200', { type: body.type });
      answer(text(200, ''));
    }, ACK_DEADLINE_MS);
    app.processEvent(event).then(
      () => {
        if (!acked) {
          acked = true;
          answer(text(200, ''));
        }
      },
      (err: unknown) => {
        this.#log.error('a Slack listener failed', { err, type: body.type });
        if (!acked) {
          acked = true;
          answer(text(500, 'internal error; it was logged'));
        }
      },
    );
    try {
      return await answered;
    } finally {
      clearTimeout(timer);
    }
  }
}

type ReadRequest = { ok: true; body: Record<string, unknown>; payload: SlackPayload } | { ok: false; reason: string };

function readRequest(raw: string, contentType: string): ReadRequest {
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

function retry(headers: Headers): Pick<ReceiverEvent, 'retryNum' | 'retryReason'> {
  const num = headers.get('x-slack-retry-num');
  const reason = headers.get('x-slack-retry-reason');
  return { ...(num && { retryNum: Number(num) }), ...(reason && { retryReason: reason }) };
}

const text = (status: number, body: string): SlackHttpResponse => ({ status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body });
const json = (value: unknown): SlackHttpResponse => ({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });
