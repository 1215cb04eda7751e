import { Hono } from 'hono';

/** Hands a raw Slack request to the Slack face (which verifies, then lets Bolt route it). */
export interface SlackEndpoint {
  handle(rawBody: string, headers: Headers): Promise<{ status: number; headers: Record<string, string>; body: string }>;
}

/** Slack's slash command, interactivity and events all arrive on one URL. */
export function createSlackRoutes({ endpoint, maxBodyBytes = 1_000_000 }: { endpoint: SlackEndpoint; maxBodyBytes?: number }) {
  return new Hono().post('/slack/events', async (c) => {
    const length = Number(c.req.header('content-length') ?? 0);
    if (length > maxBodyBytes) return c.text('request body too large', 413);
    // The signature covers the exact bytes: read them as text before anything parses them.
    const raw = await c.req.text();
    if (raw.length > maxBodyBytes) return c.text('request body too large', 413);
    const response = await endpoint.handle(raw, c.req.raw.headers);
    return c.body(response.body, response.status as 200, response.headers);
  });
}
