import { Hono } from 'hono';
import type { CommandDeps } from '../commands/context.ts';
import { listIntegrations } from '../commands/list-integrations.ts';
import type { Actor } from '../core/roles.ts';
import { integrationsPage } from '../../web/integrations-page.ts';
import { STYLESHEET } from '../../web/styles.ts';

export interface PagesConfig {
  deps: CommandDeps;
  accountId: string;
}

/** Until sign-in exists (dashboard issue) the only page is read-only, for an anonymous viewer. */
const ANONYMOUS: Actor = { platform: 'web', id: 'anonymous', role: 'viewer' };

export function createPageRoutes({ deps, accountId }: PagesConfig) {
  return new Hono()
    .get('/', async (c) => {
      const integrations = await listIntegrations({ ctx: { ...deps, actor: ANONYMOUS, accountId }, input: {} });
      return c.html(integrationsPage(integrations, deps.now()));
    })
    .get('/assets/app.css', (c) => {
      c.header('Cache-Control', 'public, max-age=3600');
      return c.body(STYLESHEET, 200, { 'Content-Type': 'text/css; charset=utf-8' });
    });
}
