import type { TeamsHarness } from './teams-harness.ts';
import { APP_ID, BOT_ID, TENANT } from './teams-harness.ts';

export interface Person {
  aad: string;
  name: string;
}

export interface Where {
  conversation?: string;
  type?: 'personal' | 'channel' | 'groupChat';
}

const userId = (p: Person) => `29:${p.aad}`;

function base(h: TeamsHarness, from: Person, where: Where) {
  const type = where.type ?? 'channel';
  const conversation = where.conversation ?? (type === 'channel' ? '19:ops@thread.tacv2' : `a:personal-${from.aad}`);
  return {
    channelId: 'msteams',
    serviceUrl: h.teams.serviceUrl,
    from: { id: userId(from), name: from.name, aadObjectId: from.aad },
    recipient: { id: BOT_ID, name: 'dirsync' },
    conversation: { id: conversation, conversationType: type, tenantId: TENANT, isGroup: type !== 'personal' },
    channelData: { tenant: { id: TENANT }, ...(type === 'channel' && { team: { id: '19:team@thread.tacv2' }, channel: { id: conversation } }) },
    id: `in-${Math.random().toString(36).slice(2, 10)}`,
    timestamp: new Date().toISOString(),
  };
}

/** A message to the bot as Teams sends it: in a channel, @dirsync first; `mentions` are other people named. */
export function message(h: TeamsHarness, from: Person, text: string, where: Where = {}, mentions: Person[] = []) {
  const inChannel = (where.type ?? 'channel') !== 'personal';
  for (const m of mentions) h.teams.members.set(userId(m), { id: userId(m), name: m.name, aadObjectId: m.aad });
  const named = mentions.reduce((t, m) => t.replace(`@${m.name}`, `<at>${m.name}</at>`), text);
  return {
    ...base(h, from, where),
    type: 'message',
    text: inChannel ? `<at>dirsync</at> ${named}` : named,
    entities: [
      ...(inChannel ? [{ type: 'mention', mentioned: { id: BOT_ID, name: 'dirsync' }, text: '<at>dirsync</at>' }] : []),
      ...mentions.map((m) => ({ type: 'mention', mentioned: { id: userId(m), name: m.name }, text: `<at>${m.name}</at>` })),
    ],
  };
}

/** A click on an Action.Execute button of a card the bot sent (`replyToId`: that card's activity id). */
export function click(h: TeamsHarness, from: Person, verb: string, value: string, cardId: string, where: Where = {}) {
  return {
    ...base(h, from, where),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: cardId,
    value: { action: { type: 'Action.Execute', verb, data: { value } }, trigger: 'manual' },
  };
}

export function installed(h: TeamsHarness, by: Person, where: Where = {}) {
  return { ...base(h, by, where), type: 'conversationUpdate', membersAdded: [{ id: BOT_ID }] };
}

/** Posts an activity to /api/messages with a token the channel would sign (or the given one; null: none). */
export async function toBot(h: TeamsHarness, activity: Record<string, unknown>, token?: string | null) {
  const bearer = token === undefined ? h.teams.channelToken({ aud: APP_ID, serviceUrl: h.teams.serviceUrl }) : token;
  const response = await h.app.request('/api/messages', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer !== null && { authorization: `Bearer ${bearer}` }) },
    body: JSON.stringify(activity),
  });
  const raw = await response.text();
  return { status: response.status, body: raw && response.headers.get('content-type')?.includes('json') ? (JSON.parse(raw) as Record<string, unknown>) : raw };
}
