import { Hono } from 'hono';
import { approveRequest, rejectRequest } from '../../commands/approval/decide.ts';
import { listAlerts } from '../../commands/alert/list.ts';
import { listApprovals } from '../../commands/approval/list.ts';
import { showApproval } from '../../commands/approval/show.ts';
import { ApprovalPage } from '../../../web/approval-page.tsx';
import { listAudit } from '../../commands/audit/list.ts';
import { showAccount } from '../../commands/account/show.ts';
import { AlertsPage, ApprovalsPage, AuditPage } from '../../../web/lists-pages.tsx';
import { PreviewPage } from '../../../web/preview-page.tsx';
import { showPreview } from '../../commands/sync/preview.ts';
import { PREVIEW_SECTIONS } from '../../core/preview.ts';
import type { CookieJar } from './cookies.ts';
import type { DashboardContext, DashboardEnv } from './env.ts';
import { act, page, problemPage } from './pages.ts';
import { routeOf } from './command-routes.ts';

const AUDIT_PAGE = 50;
/** Objects per section on a dry run's page. */
const PREVIEW_PAGE = 50;

/** A `before` cursor from the query string; anything else is ignored (first page). */
function before(c: DashboardContext): { beforeId?: number } {
  const id = Number(c.req.query('before'));
  return Number.isInteger(id) && id > 0 ? { beforeId: id } : {};
}

/** /approvals (and their decisions), /alerts, /audit and a dry run's findings (/runs/<run>/preview). */
export function createListRoutes(jar: CookieJar) {
  const app = new Hono<DashboardEnv>();
  const zone = async (c: DashboardContext) => (await showAccount({ ctx: c.get('ctx'), input: {} })).timeZone;

  app.get(routeOf('approvals', 'GET'), async (c) => {
    try {
      const list = await listApprovals({ ctx: c.get('ctx'), input: before(c) });
      return page(c, ApprovalsPage({ viewer: c.get('viewer'), list, timeZone: await zone(c), flash: jar.takeFlash(c) }));
    } catch (e) {
      return problemPage(c, e);
    }
  });

  app.get(routeOf('approval', 'GET'), async (c) => {
    try {
      const n = Number(c.req.query('page') ?? 1);
      const input = { id: c.req.param('id'), page: Number.isInteger(n) && n > 0 ? n : 1 };
      const detail = await showApproval({ ctx: c.get('ctx'), input });
      return page(c, ApprovalPage({ viewer: c.get('viewer'), detail, timeZone: await zone(c) }));
    } catch (e) {
      return problemPage(c, e);
    }
  });

  app.post(routeOf('approve'), (c) =>
    act(c, jar, async () => {
      const r = await approveRequest({ ctx: c.get('ctx'), input: { id: Number(c.req.param('id')) } });
      const what = r.request.kind === 'delete_integration' ? `${r.integration} is deleted; its objects leave through the gate.` : `the changes to ${r.integration} are applied.`;
      return { to: '/approvals', message: `Request #${r.request.id} approved: ${what}` };
    }),
  );

  app.post(routeOf('reject'), (c) =>
    act(c, jar, async () => {
      const form = await c.req.parseBody();
      const note = typeof form.note === 'string' && form.note.trim() ? { note: form.note } : {};
      const r = await rejectRequest({ ctx: c.get('ctx'), input: { id: Number(c.req.param('id')), ...note } });
      return { to: '/approvals', message: `Request #${r.request.id} (${r.integration}) ${r.request.status}.` };
    }),
  );

  app.get(routeOf('preview', 'GET'), async (c) => {
    try {
      const section = PREVIEW_SECTIONS.find((s) => s === c.req.query('section')) ?? null;
      const offset = Math.max(0, Math.trunc(Number(c.req.query('offset'))) || 0);
      const input = { run: c.req.param('run'), limit: PREVIEW_PAGE, ...(section && { section, offset }) };
      const preview = await showPreview({ ctx: c.get('ctx'), input: input as never });
      return page(c, PreviewPage({ viewer: c.get('viewer'), preview, section, offset, pageSize: PREVIEW_PAGE }));
    } catch (e) {
      return problemPage(c, e);
    }
  });

  app.get(routeOf('alerts list', 'GET'), async (c) => {
    try {
      const list = await listAlerts({ ctx: c.get('ctx'), input: before(c) });
      return page(c, AlertsPage({ viewer: c.get('viewer'), list, timeZone: await zone(c), now: c.get('ctx').now() }));
    } catch (e) {
      return problemPage(c, e);
    }
  });

  app.get(routeOf('audit', 'GET'), async (c) => {
    const filter = { integration: c.req.query('integration')?.trim() ?? '', actor: c.req.query('actor')?.trim() ?? '', action: c.req.query('action')?.trim() ?? '' };
    try {
      const input = {
        limit: AUDIT_PAGE + 1,
        ...before(c),
        ...(filter.integration && { target: filter.integration }),
        ...(filter.actor && { actor: filter.actor }),
        ...(filter.action && { action: filter.action }),
      };
      const rows = await listAudit({ ctx: c.get('ctx'), input });
      const entries = rows.slice(0, AUDIT_PAGE);
      const params = new URLSearchParams(Object.entries(filter).filter(([, v]) => v));
      if (rows.length > AUDIT_PAGE) params.set('before', String(entries.at(-1)!.id));
      const next = rows.length > AUDIT_PAGE ? `/audit?${params}` : null;
      return page(c, AuditPage({ viewer: c.get('viewer'), entries, filter, next, timeZone: await zone(c) }));
    } catch (e) {
      return problemPage(c, e);
    }
  });
  return app;
}
