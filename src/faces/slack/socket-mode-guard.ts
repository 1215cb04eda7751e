import { LogLevel, SocketModeReceiver, type Logger as BoltLogger } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { Logger } from '../../core/ports.ts';
import { checkSlackPayload, type SlackPayload } from './slack-payload.ts';

/** Envelopes whose payload is a Slack request, checked like a request over HTTP, and what each must hold. */
const REQUESTS = new Map<string, SlackPayload['kind']>([['slash_commands', 'command'], ['interactive', 'block_actions'], ['events_api', 'event']]);
/** Connection control: the client handles these itself. */
const CONTROL = new Set(['hello', 'disconnect']);

/**
 * Bolt's Socket Mode receiver with every message checked before the client reads it. Socket Mode
 * has no request signatures (the app token authenticates the WebSocket itself), hence no replay
 * check here; but a payload must still be one dirsync accepts. @slack/socket-mode reads
 * `payload.event.type` of an events_api envelope unchecked, in a promise nobody awaits: one
 * malformed message would otherwise end the process. A refused envelope is left unacknowledged,
 * which Slack treats as failed, as it does a 400 over HTTP.
 */
export function guardedSocketModeReceiver(opts: { appToken: string; clientOptions: WebClientOptions; logger: BoltLogger; log: Logger }): SocketModeReceiver {
  // The client options carry SLACK_API_URL, where apps.connections.open is asked (as Bolt passes them).
  const receiver = new SocketModeReceiver({ appToken: opts.appToken, logger: opts.logger, logLevel: LogLevel.WARN, installerOptions: { clientOptions: opts.clientOptions } });
  const { client } = receiver;
  const readers = client.listeners('ws_message');
  client.removeAllListeners('ws_message');
  client.on('ws_message', (data: string | ArrayBuffer, isBinary: boolean) => {
    const refusal = isBinary ? null : refuse(data);
    if (refusal) return opts.log.warn('ignored a malformed Slack Socket Mode message', refusal);
    for (const read of readers) {
      Promise.resolve(read(data, isBinary)).catch((err: unknown) => opts.log.error('a Slack Socket Mode message could not be processed', { err }));
    }
  });
  return receiver;
}

function refuse(data: string | ArrayBuffer): { envelope: string | null; type: string | null; reason: string } | null {
  let message: unknown;
  try {
    message = JSON.parse(typeof data === 'string' ? data : new TextDecoder().decode(data));
  } catch {
    return { envelope: null, type: null, reason: 'not JSON' };
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return { envelope: null, type: null, reason: 'not a JSON object' };
  const { type, payload, envelope_id: envelope } = message as Record<string, unknown>;
  const named = { envelope: typeof envelope === 'string' ? envelope : null, type: typeof type === 'string' ? type : null };
  if (typeof type === 'string' && CONTROL.has(type)) return null;
  if (typeof type !== 'string' || !REQUESTS.has(type)) return { ...named, reason: `unsupported message type ${JSON.stringify(type ?? null).slice(0, 60)}` };
  if (typeof envelope !== 'string' || envelope === '') return { ...named, reason: 'no envelope_id to acknowledge' };
  const check = checkSlackPayload(payload, REQUESTS.get(type));
  return check.ok ? null : { ...named, reason: check.reason };
}
