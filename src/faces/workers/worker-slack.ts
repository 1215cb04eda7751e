import type { CommandDeps } from '../../commands/context.ts';
import type { Logger } from '../../core/ports.ts';
import type { SlackEndpoint } from '../http/slack-events.ts';
import { json, slackGate, text } from '../slack/slack-request.ts';
import { asResponse, deadline, runSlashCommand, workingOn } from '../slack/slash-command.ts';

/** Slack gives up after 3 s; answering a little earlier leaves room for the network. */
const ACK_WITHIN_MS = 2_000;

export interface WorkerSlackOptions {
  deps: CommandDeps;
  accountId: string;
  signingSecret: string;
  log: Logger;
  /** Work that goes on after the response (the Worker's ctx.waitUntil, which keeps the database open for it). */
  defer: (work: Promise<unknown>) => void;
}

/**
 * POST /slack/events on a Worker, where Bolt does not run: the same gate as Node (signature with
 * Web Crypto, 5-minute window, replay protection in seen_requests), then slash commands through
 * the same registry, presenters and Block Kit. A reply ready within 2 s goes in the
 * acknowledgement; a slower one is acknowledged at once and posted to response_url after the
 * response, under waitUntil. Buttons and events are the Node server's (README: Node-only).
 */
export function workerSlackEndpoint(opts: WorkerSlackOptions): SlackEndpoint {
  const gate = slackGate({ signingSecret: opts.signingSecret, seen: opts.deps.store.seenRequests, log: opts.log });
  return {
    async handle(rawBody, headers) {
      const admitted = await gate(rawBody, headers);
      if ('response' in admitted) return admitted.response;
      if (admitted.payload.kind !== 'command') {
        opts.log.warn('a Slack button or event reached the Worker: only slash commands are served on Workers; point Interactivity at a Node server (dirsync start)', { type: admitted.payload.kind });
        return text(200, '');
      }
      const command = admitted.payload.body;
      const work = runSlashCommand(opts.deps, opts.accountId, command);
      const quick = await Promise.race([work, deadline(ACK_WITHIN_MS)]);
      if (quick) return json(asResponse(quick));
      opts.defer(
        work.then(async (late) => {
          const posted = await fetch(command.response_url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(asResponse(late)) });
          if (!posted.ok) opts.log.warn('could not answer a Slack command through its response URL', { status: posted.status });
        }),
      );
      return json(workingOn(command));
    },
  };
}
