import { Hono } from 'hono';
import { checkDn } from '../../commands/integration/check-dn.ts';
import { previewSchedule } from '../../commands/integration/preview-schedule.ts';
import { requestSync } from '../../commands/sync/request.ts';
import { showOverview } from '../../commands/account/show-overview.ts';
import { isCommandError } from '../../core/errors.ts';
import { when } from '../../../web/format.ts';
import { OverviewPage } from '../../../web/overview-page.tsx';
import { httpStatus } from '../http/errors.ts';
import type { CookieJar } from './cookies.ts';
import type { DashboardContext, DashboardEnv } from './env.ts';
import { act, page, problemPage } from './pages.ts';
import { routeOf } from './command-routes.ts';

/** `/` (the overview), Sync all, and the JSON the edit form uses to validate as you type. */
export function createOverviewRoutes(jar: CookieJar) {
  const app = new Hono<DashboardEnv>();

  app.get(routeOf('overview', 'GET'), async (c) => {
    const ctx = c.get('ctx');
    try {
      const overview = await showOverview({ ctx, input: {} });
      return page(c, OverviewPage({ overview, viewer: c.get('viewer'), flash: jar.takeFlash(c), now: ctx.now() }));
    } catch (e) {
      return problemPage(c, e);
    }
  });

  app.post(routeOf('sync all'), (c) =>
    act(c, jar, async () => {
      const { runs } = await requestSync({ ctx: c.get('ctx'), input: { all: true } });
      const message = runs.length ? `Queued ${runs.length === 1 ? 'a sync' : `${runs.length} syncs`}: ${runs.map((r) => `${r.integration} #${r.run}`).join(', ')}.` : 'Nothing to sync: every integration is disabled.';
      return { to: '/', message };
    }),
  );

  const json = async (c: DashboardContext, work: () => Promise<object>) => {
    try {
      return c.json(await work());
    } catch (e) {
      if (!isCommandError(e)) throw e;
      return c.json({ error: { code: e.code, message: e.message, issues: e.issues } }, httpStatus(e.code));
    }
  };
  app.get('/api/preview-schedule', (c) =>
    json(c, async () => {
      const preview = await previewSchedule({ ctx: c.get('ctx'), input: { schedule: c.req.query('schedule') ?? '' } });
      return { ...preview, nextText: preview.next.map((n) => when(n, preview.timeZone)) };
    }),
  );
  app.get('/api/check-dn', (c) =>
    json(c, () => {
      const field = c.req.query('field') === 'baseDns' ? 'baseDns' : 'bindDn';
      return checkDn({ ctx: c.get('ctx'), input: { field, value: c.req.query('value') ?? '' } });
    }),
  );
  return app;
}
