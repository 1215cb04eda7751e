import { Hono } from 'hono';
import { addIntegration } from '../../commands/integration/add.ts';
import { allowed } from '../../commands/registry.ts';
import { disableIntegration } from '../../commands/integration/disable.ts';
import { enableIntegration } from '../../commands/integration/enable.ts';
import { listPending } from '../../commands/change/list-pending.ts';
import { requestDelete } from '../../commands/integration/request-delete.ts';
import { requestSync } from '../../commands/sync/request.ts';
import { showIntegration } from '../../commands/integration/show.ts';
import { showRuns } from '../../commands/sync/show-runs.ts';
import { syncHistory } from '../../commands/sync/history.ts';
import { testIntegration } from '../../commands/integration/test.ts';
import { updateIntegration } from '../../commands/integration/update.ts';
import { CommandError, isCommandError } from '../../core/errors.ts';
import { nextRunsText } from '../../../web/format.ts';
import type { IntegrationFormValues } from '../../../web/integration-form.tsx';
import { IntegrationPage } from '../../../web/integration-page.tsx';
import { NewIntegrationPage } from '../../../web/new-integration-page.tsx';
import { progressText } from '../../../web/runs.tsx';
import { previewSchedule } from '../../commands/integration/preview-schedule.ts';
import type { CookieJar } from './cookies.ts';
import type { DashboardContext, DashboardEnv } from './env.ts';
import { addInput, blankValues, formValues, updateInput, viewValues } from './integration-form.ts';
import { act, page, problemPage } from './pages.ts';
import { streamRun } from './run-events.ts';
import { routeOf } from './command-routes.ts';
import { runNoun } from '../../presenters/words.ts';

/** Field problems are shown beside their fields; the top of the form says only that nothing was saved. */
const summary = (e: CommandError) =>
  e.issues.length ? `Nothing was saved: ${e.issues.length === 1 ? 'one field needs' : `${e.issues.length} fields need`} fixing.` : e.message;

type Form = { values: IntegrationFormValues; issues: CommandError['issues']; problem: string | null };

/** /integrations/<name> and its state changes: POST …/{test,sync,enable,disable,delete,edit}. */
export function createIntegrationRoutes(jar: CookieJar) {
  const app = new Hono<DashboardEnv>();

  async function integrationPage(c: DashboardContext, name: string, form?: Form, status?: 400 | 409) {
    const ctx = c.get('ctx');
    try {
      const integration = await showIntegration({ ctx, input: { name } });
      const [history, pending] = await Promise.all([syncHistory({ ctx, input: { name, limit: 30 } }), listPending({ ctx, input: { name } })]);
      const runId = Number(c.req.query('run'));
      const [live] = Number.isInteger(runId) && runId > 0 ? await showRuns({ ctx, input: { ids: [runId] } }) : [];
      const liveRun = live && live.integration === integration.name
        ? { id: live.run, dryRun: live.dryRun, events: `/integrations/${integration.name}/runs/${live.run}/events`, text: progressText(live) }
        : null;
      const props = {
        viewer: c.get('viewer'), integration, runs: history.runs, pending, liveRun, flash: jar.takeFlash(c), now: ctx.now(),
        form: form ?? { values: viewValues(integration), issues: [], problem: null },
      };
      return page(c, IntegrationPage(props), status);
    } catch (e) {
      return problemPage(c, e);
    }
  }

  async function newPage(c: DashboardContext, values: IntegrationFormValues, error?: CommandError) {
    const ctx = c.get('ctx');
    const preview = await previewSchedule({ ctx, input: { schedule: values.schedule } }).then(
      (p) => nextRunsText(p.next, p.timeZone),
      () => '',
    );
    const props = { viewer: c.get('viewer'), values, issues: error?.issues ?? [], problem: error ? summary(error) : null, schedulePreview: preview };
    return page(c, NewIntegrationPage(props), error ? (error.code === 'conflict' ? 409 : 400) : undefined);
  }

  app.get(routeOf('integrations add', 'GET'), async (c) => {
    const viewer = c.get('viewer');
    if (!allowed(viewer, addIntegration.spec.name)) {
      return problemPage(c, new CommandError('forbidden', `Adding an integration needs the ${addIntegration.spec.minRole} role; web:${viewer.login} has ${viewer.role}`));
    }
    return newPage(c, blankValues());
  });

  app.post(routeOf('integrations add'), async (c) => {
    const body = await c.req.parseBody();
    const values = formValues(body);
    try {
      const added = await addIntegration({ ctx: c.get('ctx'), input: addInput(values, typeof body.bindPassword === 'string' ? body.bindPassword : '') });
      jar.flash(c, `${added.name} was added. Test the connection, then sync.`);
      return c.redirect(`/integrations/${added.name}`, 303);
    } catch (e) {
      if (isCommandError(e) && (e.code === 'validation' || e.code === 'conflict')) return newPage(c, values, e);
      return problemPage(c, e);
    }
  });

  app.get(routeOf('show', 'GET'), (c) => integrationPage(c, c.req.param('name')));

  app.post(routeOf('integrations update'), async (c) => {
    const name = c.req.param('name');
    const body = await c.req.parseBody();
    const values = formValues(body);
    try {
      const updated = await updateIntegration({ ctx: c.get('ctx'), input: updateInput(name, values, typeof body.bindPassword === 'string' ? body.bindPassword : '') });
      const saved = updated.integration.name;
      jar.flash(c, updated.changed.length ? `Saved ${saved}: ${updated.changed.join(', ')} changed.` : `Nothing changed in ${saved}.`);
      return c.redirect(`/integrations/${saved}`, 303);
    } catch (e) {
      if (isCommandError(e) && (e.code === 'validation' || e.code === 'conflict')) {
        return integrationPage(c, name, { values, issues: e.issues, problem: summary(e) }, e.code === 'conflict' ? 409 : 400);
      }
      return problemPage(c, e);
    }
  });

  app.post(routeOf('test'), (c) =>
    act(c, jar, async () => {
      const name = c.req.param('name');
      const report = await testIntegration({ ctx: c.get('ctx'), input: { name } });
      const outcome = report.ok ? 'passed' : `failed at ${report.failure?.stage}: ${report.failure?.class} / ${report.failure?.reason}`;
      return { to: `/integrations/${name}#test-result`, message: `Connection test ${outcome}.` };
    }),
  );

  app.post(routeOf('sync'), (c) =>
    act(c, jar, async () => {
      // The Preview button posts here too, with dryRun=yes.
      const dryRun = (await c.req.parseBody()).dryRun === 'yes';
      const { runs } = await requestSync({ ctx: c.get('ctx'), input: { name: c.req.param('name'), dryRun } });
      const r = runs[0]!;
      const noun = runNoun(dryRun);
      const message = r.joined ? `A ${noun.toLowerCase()} was already under way (#${r.run}); following it.` : `${noun} #${r.run} queued.`;
      return { to: `/integrations/${r.integration}?run=${r.run}#sync`, message };
    }),
  );

  for (const [verb, command] of [['enable', enableIntegration], ['disable', disableIntegration]] as const) {
    app.post(routeOf(verb), (c) =>
      act(c, jar, async () => {
        const name = c.req.param('name');
        await command({ ctx: c.get('ctx'), input: { name } });
        return { to: `/integrations/${name}`, message: `${name} is ${verb}d.` };
      }),
    );
  }

  app.post(routeOf('delete'), (c) =>
    act(c, jar, async () => {
      const r = await requestDelete({ ctx: c.get('ctx'), input: { name: c.req.param('name') } });
      const what = r.created ? `Deletion of ${r.integration} requested as #${r.request.id}` : `Deletion of ${r.integration} was already requested (#${r.request.id})`;
      return { to: '/approvals', message: `${what}: another admin must approve it.` };
    }),
  );

  app.get('/integrations/:name/runs/:id/events', (c) => streamRun(c));
  return app;
}
