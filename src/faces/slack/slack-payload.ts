import { z } from 'zod';

/**
 * What dirsync accepts from Slack, checked before Bolt sees a payload: Bolt dereferences fields
 * such as `user.id` without looking, so a signed but malformed payload would otherwise fail
 * inside it (a 500 over HTTP, an unhandled rejection in Socket Mode). Only the parts dirsync or
 * Bolt read are described; Slack's other fields pass through untouched.
 */

const id = z.string().min(1).max(255);
/** Slack member ids: U… or, in Enterprise Grid, W…; stored as `slack:<id>`. */
const userId = z.string().regex(/^[UW][A-Z0-9]{1,30}$/, 'must be a Slack member id such as U024BE7LH');

const SlashCommand = z.object({
  command: z.string().regex(/^\/\S{1,32}$/, 'must be a slash command such as /dirsync'),
  text: z.string(),
  user_id: userId,
  user_name: z.string().optional(),
  channel_id: id,
  team_id: id,
  response_url: z.url(),
});

const BlockActions = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: userId, name: z.string().optional(), username: z.string().optional() }),
  team: z.object({ id }),
  actions: z.array(z.object({ action_id: id, type: z.string(), value: z.string().max(2_000) })).min(1),
  channel: z.object({ id }).optional(),
  container: z.object({ channel_id: id.optional(), message_ts: z.string().optional() }).optional(),
  response_url: z.url().optional(),
}).refine((b) => b.channel?.id ?? b.container?.channel_id, { message: 'names no channel (dirsync buttons only sit on channel messages)', path: ['channel'] });

const EventCallback = z.object({
  type: z.literal('event_callback'),
  /** The same on every retry of one event: what tells a retry from a new event. */
  event_id: id,
  team_id: id,
  event: z.object({ type: id }),
});

const UrlVerification = z.object({ type: z.literal('url_verification'), challenge: z.string().min(1).max(1_000) });

export type SlackPayload =
  | { kind: 'command'; body: z.output<typeof SlashCommand> }
  | { kind: 'block_actions'; body: z.output<typeof BlockActions> }
  | { kind: 'event'; body: z.output<typeof EventCallback> }
  | { kind: 'url_verification'; body: z.output<typeof UrlVerification> };

export type PayloadCheck = { ok: true; payload: SlackPayload } | { ok: false; reason: string };

const SCHEMAS = { command: SlashCommand, block_actions: BlockActions, event: EventCallback, url_verification: UrlVerification } as const;

type Kind = SlackPayload['kind'];
const KINDS = new Map<unknown, Kind>([['block_actions', 'block_actions'], ['event_callback', 'event'], ['url_verification', 'url_verification']]);

/**
 * `expected`: what the transport says it must be (a Socket Mode envelope's type); else read from
 * the payload: slash commands carry no `type`, interactivity and the Events API always do.
 */
export function checkSlackPayload(body: unknown, expected?: Kind): PayloadCheck {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, reason: 'the payload is not an object' };
  const type = (body as Record<string, unknown>).type;
  const kind = expected ?? (type === undefined ? 'command' : KINDS.get(type));
  if (!kind) {
    return { ok: false, reason: `unsupported type ${JSON.stringify(type).slice(0, 60)}: dirsync accepts slash commands, block_actions (buttons), event_callback and url_verification` };
  }
  const parsed = SCHEMAS[kind].safeParse(body);
  if (!parsed.success) return { ok: false, reason: `${kind === 'command' ? 'slash command' : kind === 'event' ? 'event_callback' : kind}: ${describe(parsed.error.issues)}` };
  return { ok: true, payload: { kind, body: parsed.data } as SlackPayload };
}

function describe(issues: z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 3)
    .map((i) => {
      const field = i.path.length ? i.path.map(String).join('.') : 'payload';
      return /received undefined$/.test(i.message) ? `${field} is missing` : `${field} ${i.message.replace(/^Invalid input: /, '')}`;
    })
    .join('; ');
}
