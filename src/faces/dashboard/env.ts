import type { Context } from 'hono';
import type { CommandContext, CommandDeps } from '../../commands/context.ts';
import type { Viewer } from '../../../web/layout.tsx';

export interface DashboardConfig {
  deps: CommandDeps;
  accountId: string;
  /** Served over HTTPS (directly or behind a proxy): cookies get Secure and the __Host- prefix. */
  secureCookies: boolean;
  /** The origin browsers use (e.g. https://dirsync.corp.example); else the request's own. */
  publicOrigin?: string;
  /** The client's address for sign-in throttling; the Node server passes the socket's. */
  clientAddress?: (c: Context) => string | undefined;
}

/** What the session middleware leaves for every signed-in route. */
export interface DashboardEnv {
  Variables: {
    viewer: Viewer;
    ctx: CommandContext;
    sessionToken: string;
  };
}

export type DashboardContext = Context<DashboardEnv>;
