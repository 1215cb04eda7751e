import { Hono } from 'hono';

/** Hands a raw Slack request to the Slack face (which verifies, then lets Bolt route it). */
export interface SlackEndpoint {
  handle(rawBody: string, headers: Headers): Promise<{ status: number; headers: Record<string, string>; body: string }>;
}

/** Slack's slash command, interactivity and events all arrive on one URL. createApp bounds the body's size. */
export function createSlackRoutes({ endpoint }: { endpoint: SlackEndpoint }) {
  return new Hono().post('/slack/events', async (c) => {
    // The signature covers the exact bytes: read them as text before anything parses them.
    const raw = await c.req.text();
    const response = await endpoint.handle(raw, c.req.raw.headers);
    return c.body(response.body, response.status as 200, response.headers);
  });
}
