/**
 * Where the dashboard offers each command of the registry, by the entry's words. The route files
 * register these paths; the access test walks the registry through this table, so a command that
 * says it is on the dashboard without a route here (or a route here for a command that does not
 * say so) fails it.
 */
export interface CommandRoute {
  method: 'GET' | 'POST';
  path: string;
}

const get = <P extends string>(path: P) => ({ method: 'GET', path }) as const;
const post = <P extends string>(path: P) => ({ method: 'POST', path }) as const;

export const COMMAND_ROUTES = {
  overview: [get('/')],
  show: [get('/integrations/:name')],
  history: [get('/integrations/:name')],
  'integrations add': [get('/integrations/new'), post('/integrations')],
  'integrations update': [post('/integrations/:name/edit')],
  enable: [post('/integrations/:name/enable')],
  disable: [post('/integrations/:name/disable')],
  test: [post('/integrations/:name/test')],
  delete: [post('/integrations/:name/delete')],
  sync: [post('/integrations/:name/sync')],
  'sync all': [post('/sync-all')],
  preview: [get('/runs/:run/preview')],
  approvals: [get('/approvals')],
  approval: [get('/approvals/:id')],
  approve: [post('/approvals/:id/approve')],
  reject: [post('/approvals/:id/reject')],
  'alerts list': [get('/alerts')],
  audit: [get('/audit')],
} as const satisfies Record<string, readonly CommandRoute[]>;

export type CommandRouteId = keyof typeof COMMAND_ROUTES;

type PathOf<I extends CommandRouteId, M extends CommandRoute['method']> = Extract<(typeof COMMAND_ROUTES)[I][number], { method: M }>['path'];

/** The path of an entry's route, for the route files: `routeOf('sync all')` → `/sync-all` (typed, for Hono's params). */
export function routeOf<I extends CommandRouteId, M extends CommandRoute['method'] = 'POST'>(id: I, method: M = 'POST' as M): PathOf<I, M> {
  const route = (COMMAND_ROUTES[id] as readonly CommandRoute[]).find((r) => r.method === method);
  if (!route) throw new Error(`the dashboard has no ${method} route for ${id}`);
  return route.path as PathOf<I, M>;
}
