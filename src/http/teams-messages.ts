import { Hono } from 'hono';

/** Hands a raw Bot Framework request to the Teams face (which authenticates, then runs the turn). */
export interface TeamsEndpoint {
  handle(rawBody: string, headers: Headers): Promise<{ status: number; headers: Record<string, string>; body: string }>;
}

/** Teams (through the Bot Framework Service) posts every activity to one URL. */
export function createTeamsRoutes({ endpoint, maxBodyBytes = 1_000_000 }: { endpoint: TeamsEndpoint; maxBodyBytes?: number }) {
  return new Hono().post('/api/messages', async (c) => {
    if (Number(c.req.header('content-length') ?? 0) > maxBodyBytes) return c.text('request body too large', 413);
    const raw = await c.req.text();
    if (raw.length > maxBodyBytes) return c.text('request body too large', 413);
    const response = await endpoint.handle(raw, c.req.raw.headers);
    return c.body(response.body, response.status as 200, response.headers);
  });
}
