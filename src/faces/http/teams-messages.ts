import { Hono } from 'hono';

/** Hands a raw Bot Framework request to the Teams face (which authenticates, then runs the turn). */
export interface TeamsEndpoint {
  handle(rawBody: string, headers: Headers): Promise<{ status: number; headers: Record<string, string>; body: string }>;
}

/** Teams (through the Bot Framework Service) posts every activity to one URL. createApp bounds the body's size. */
export function createTeamsRoutes({ endpoint }: { endpoint: TeamsEndpoint }) {
  return new Hono().post('/api/messages', async (c) => {
    const raw = await c.req.text();
    const response = await endpoint.handle(raw, c.req.raw.headers);
    return c.body(response.body, response.status as 200, response.headers);
  });
}
