import { describe, expect, it } from 'vitest';
import { testApp } from './support/app.ts';
import { addIntegration } from '../src/commands/integration/add.ts';
import { createHealthRoutes } from '../src/faces/http/health.ts';
import { memoryLogger, testAccount } from './support/context.ts';
import { backends } from './support/databases.ts';
import { adInput } from './support/fixtures.ts';
import { useDatabase } from './support/suite.ts';

describe.each(backends)('HTTP app ($name)', (backend) => {
  const db = useDatabase(backend);

  it('GET /healthz answers 200 when the database does', async () => {
    const { deps, account } = await testAccount(db.store);
    const res = await testApp({ deps, accountId: account.id }).request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('GET /metrics reports runs by status and failure class, in Prometheus text format', async () => {
    const { deps, account, as } = await testAccount(db.store);
    await addIntegration({ ctx: as('admin'), input: adInput({ name: 'metered' }) });
    const integration = (await db.store.integrations.findByName(account.id, 'metered'))!;
    const { run } = await db.store.runs.request({ accountId: account.id, integrationId: integration.id, trigger: 'manual', actor: 'cli:x', now: new Date() });
    await db.store.runs.claim('w', 10_000, [run.id]);
    const failure = { class: 'credential' as const, reason: 'invalid_credentials' as const, stage: 'bind' as const, message: 'm', diagnostic: 'd', checklist: [] };
    await db.store.runs.finish(run.id, 'w', { status: 'failed', counts: null, destructive: null, blockedBy: null, approvalRequestId: null, duplicates: null, failure, certificate: null });
    const res = await testApp({ deps, accountId: account.id }).request('/metrics');
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await res.text();
    expect(text).toContain(`dirsync_sync_runs_total{account="${account.name}",integration="metered",status="failed",failure_class="credential"} 1`);
    expect(text).toContain(`dirsync_last_successful_sync_timestamp_seconds{account="${account.name}",integration="metered"} 0`);
    expect(text).toMatch(new RegExp(`dirsync_sync_run_duration_seconds_count\\{account="${account.name}",integration="metered"\\} 1`));
  });

  it('serves the stylesheet and script to anyone; dashboard pages need a session, unknown paths are 404', async () => {
    const { deps, account } = await testAccount(db.store);
    const app = testApp({ deps, accountId: account.id });
    const css = await app.request('/assets/app.css');
    expect(css.headers.get('content-type')).toMatch(/text\/css/);
    expect((await app.request('/assets/app.js')).headers.get('content-type')).toMatch(/text\/javascript/);
    // The favicon: an .ico whose one image is a PNG (header, one directory entry, then the PNG's signature).
    const icon = await app.request('/favicon.ico');
    expect([icon.status, icon.headers.get('content-type')]).toEqual([200, 'image/x-icon']);
    const bytes = new Uint8Array(await icon.arrayBuffer());
    expect([...bytes.subarray(0, 6)]).toEqual([0, 0, 1, 0, 1, 0]);
    expect([...bytes.subarray(22, 26)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(new DataView(bytes.buffer, bytes.byteOffset).getUint32(14, true)).toBe(bytes.length - 22);
    expect((await app.request('/nope')).status).toBe(404);
    expect((await app.request('/api/messages', { method: 'POST' })).status).toBe(404);
    const page = await app.request('/alerts');
    expect([page.status, page.headers.get('location')]).toEqual([303, '/login?next=%2Falerts']);
    expect((await app.request('/', { method: 'POST' })).status).toBe(401);
  });
});

describe('health routes without a database', () => {
  it('answers 503 when the database fails, and logs why', async () => {
    const log = memoryLogger();
    const app = createHealthRoutes({ store: { ping: () => Promise.reject(new Error('ECONNREFUSED')) }, log });
    const res = await app.request('/healthz');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'error', database: 'unreachable' });
    expect(log.lines[0]).toMatchObject({ level: 'error', msg: 'health check: database unreachable' });
  });

  it('answers 503 instead of hanging when the database does not answer', async () => {
    const app = createHealthRoutes({ store: { ping: () => new Promise(() => {}) }, log: memoryLogger(), timeoutMs: 50 });
    expect((await app.request('/healthz')).status).toBe(503);
  });
});
