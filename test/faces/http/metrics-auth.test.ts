import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/app.ts';
import { testAccount } from '../../support/context.ts';
import { backends } from '../../support/databases.ts';
import { useDatabase } from '../../support/suite.ts';

const TOKEN = 'e1f0c2b3a4d5968778695a4b3c2d1e0f1a2b3c4d5e6f7a8b';

describe.each(backends)('GET /metrics with DIRSYNC_METRICS_TOKEN ($name)', (backend) => {
  const db = useDatabase(backend);

  it('answers only a matching bearer token; anything else gets 401 with WWW-Authenticate: Bearer and no metric', async () => {
    const { deps, account } = await testAccount(db.store);
    const app = testApp({ deps, accountId: account.id, metricsToken: TOKEN });
    const scrape = (authorization?: string) => app.request('/metrics', { ...(authorization !== undefined && { headers: { authorization } }) });
    for (const authorization of [undefined, '', 'Bearer', `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Basic ${btoa(`prometheus:${TOKEN}`)}`, TOKEN, `Bearer ${TOKEN} extra`]) {
      const res = await scrape(authorization);
      const body = await res.text();
      expect([res.status, res.headers.get('www-authenticate')?.split(' ')[0]], String(authorization)).toEqual([401, 'Bearer']);
      expect(body).not.toContain('dirsync_');
      expect(body).toContain('DIRSYNC_METRICS_TOKEN');
      expect(body).not.toContain(TOKEN);
    }
    for (const authorization of [`Bearer ${TOKEN}`, `bearer ${TOKEN}`]) {
      const res = await scrape(authorization);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('# TYPE dirsync_sync_runs_total counter');
    }
    expect((await app.request('/healthz')).status).toBe(200);
  });

  it('stays open without a token', async () => {
    const { deps, account } = await testAccount(db.store);
    const res = await testApp({ deps, accountId: account.id }).request('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('www-authenticate')).toBeNull();
  });
});
