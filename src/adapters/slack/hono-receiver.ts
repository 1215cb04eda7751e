import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import type { Logger } from '../../core/ports.ts';
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
 * gives the event to Bolt, and answers with whatever the listener acknowledges.
 */
export class HonoReceiver implements Receiver {
  #app: App | null = null;
  readonly #signingSecret: string;
  readonly #log: Logger;
  readonly #now: () => Date;

  constructor(opts: { signingSecret: string; log: Logger; now?: () => Date }) {
    this.#signingSecret = opts.signingSecret;
    this.#log = opts.log;
    this.#now = opts.now ?? (() => new Date());
  }

  init(app: App): void {
    this.#app = app;
  }

  // The Hono server owns the socket; there is nothing to start or stop here.
  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  async handle(rawBody: string, headers: Headers): Promise<SlackHttpResponse> {
    const check = verifySlackSignature({
      signingSecret: this.#signingSecret,
      timestamp: headers.get('x-slack-request-timestamp') ?? undefined,
      signature: headers.get('x-slack-signature') ?? undefined,
      rawBody,
      now: this.#now(),
    });
    if (!check.ok) {
      this.#log.warn('refused a Slack request', { reason: check.reason });
      return text(401, `invalid request signature: ${check.reason}`);
    }
    const body = parseBody(rawBody, headers.get('content-type') ?? '');
    if (!body) return text(400, 'unreadable request body');
    // Slack verifies the events URL once with a challenge that must be echoed.
    if (body.type === 'url_verification' && typeof body.challenge === 'string') return json({ challenge: body.challenge });
    if (!this.#app) return text(503, 'Slack app not initialised');
    return this.#dispatch(this.#app, body, headers);
  }

  async #dispatch(app: App, body: Record<string, unknown>, headers: Headers): Promise<SlackHttpResponse> {
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
      ...retry(headers),
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

function parseBody(raw: string, contentType: string): Record<string, unknown> | null {
  try {
    if (contentType.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
    const form = Object.fromEntries(new URLSearchParams(raw));
    // Interactivity (buttons) posts one form field, `payload`, holding JSON.
    return typeof form.payload === 'string' ? (JSON.parse(form.payload) as Record<string, unknown>) : form;
  } catch {
    return null;
  }
}

function retry(headers: Headers): Pick<ReceiverEvent, 'retryNum' | 'retryReason'> {
  const num = headers.get('x-slack-retry-num');
  const reason = headers.get('x-slack-retry-reason');
  return { ...(num && { retryNum: Number(num) }), ...(reason && { retryReason: reason }) };
}

const text = (status: number, body: string): SlackHttpResponse => ({ status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body });
const json = (value: unknown): SlackHttpResponse => ({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });
