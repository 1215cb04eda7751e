import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import type { SeenRequests } from '../../core/chat-ports.ts';
import type { Logger } from '../../core/ports.ts';
import { json, slackGate, text, type SlackGate, type SlackHttpResponse, type SlackRetry } from './slack-request.ts';

/** Slack gives up after 3 s; answering a little earlier leaves room for the network. */
const ACK_DEADLINE_MS = 2_500;

/**
 * A Bolt receiver that lives inside dirsync's Hono server instead of opening its own port. The
 * HTTP route hands it the raw request; it checks the signature before anything parses the body,
 * the payload against what dirsync accepts (400), that the request was not accepted before (a
 * replay: 401; a retry of one handled: an empty 200), then gives the event to Bolt and answers
 * with whatever the listener acknowledges.
 */
export class HonoReceiver implements Receiver {
  #app: App | null = null;
  readonly #log: Logger;
  readonly #gate: SlackGate;

  constructor(opts: { signingSecret: string; seen: SeenRequests; log: Logger; now?: () => Date }) {
    this.#log = opts.log;
    this.#gate = slackGate(opts);
  }

  init(app: App): void {
    this.#app = app;
  }

  // The Hono server owns the socket; there is nothing to start or stop here.
  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  async handle(rawBody: string, headers: Headers): Promise<SlackHttpResponse> {
    const admitted = await this.#gate(rawBody, headers);
    if ('response' in admitted) return admitted.response;
    if (!this.#app) return text(503, 'Slack app not initialised');
    return this.#dispatch(this.#app, admitted.body, admitted.retried);
  }

  async #dispatch(app: App, body: Record<string, unknown>, retried: SlackRetry): Promise<SlackHttpResponse> {
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

