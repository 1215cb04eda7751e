import type { App } from '../../src/app.ts';
import { testApp, type TestAppConfig } from './app.ts';
import { addWebUser } from '../../src/commands/web-user/add.ts';
import type { Store } from '../../src/core/ports.ts';
import type { Role } from '../../src/core/roles.ts';
import { testAccount } from './context.ts';

export const ORIGIN = 'http://localhost';
export const PASSWORD = 'a long enough passphrase';

export interface Response2 {
  status: number;
  location: string | null;
  body: string;
  headers: Headers;
}

/** What a browser talks to: the app in this process (app.request) or a server over fetch. */
export interface Site {
  request(url: string, init: RequestInit): Response | Promise<Response>;
}

/** Cookies as a browser keeps them for one site: set by responses, sent with requests. */
export class Browser {
  readonly cookies = new Map<string, string>();
  readonly app: Site;
  constructor(app: Site) {
    this.app = app;
  }

  async request(path: string, init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<Response2> {
    const headers: Record<string, string> = { ...init.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await this.app.request(`${ORIGIN}${path}`, { method: init.method ?? (init.form ? 'POST' : 'GET'), headers, ...(init.form && { body: new URLSearchParams(init.form).toString() }) });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = pair!.split('=');
      if (/max-age=0/i.test(line) || value.join('=') === '') this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value.join('='));
    }
    return { status: res.status, location: res.headers.get('location'), body: await res.text(), headers: res.headers };
  }

  get = (path: string, headers?: Record<string, string>) => this.request(path, { ...(headers && { headers }) });

  /** A form post from one of our pages: same Origin, and the page's CSRF token unless given. */
  post = (path: string, form: Record<string, string> = {}, headers: Record<string, string> = { origin: ORIGIN, 'sec-fetch-site': 'same-origin' }) =>
    this.request(path, { form: { _csrf: this.csrf, ...form }, headers });

  csrf = '';
  /** Reads the CSRF token from a page, as the browser would submit it. */
  async load(path: string): Promise<Response2> {
    const res = await this.get(path);
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
    if (token) this.csrf = token;
    return res;
  }
}

/** The whole app on an account of its own, and browsers signed in as people with roles. */
export async function dashboardHarness(store: Store, opts: TestAppConfig['dashboard'] = {}) {
  const { deps, account, as } = await testAccount(store);
  const app = testApp({ deps, accountId: account.id, dashboard: opts });
  const browser = () => new Browser(app);
  const signedIn = async (role: Role, login = `${role}-${crypto.randomUUID().slice(0, 6)}`) => {
    await addWebUser({ ctx: as('admin'), input: { login, role, password: PASSWORD } });
    const b = browser();
    await b.load('/login');
    const res = await b.post('/login', { login, password: PASSWORD });
    if (res.status !== 303) throw new Error(`sign-in of ${login} failed: ${res.status} ${res.body.slice(0, 300)}`);
    await b.load('/');
    return Object.assign(b, { login });
  };
  return { app, deps, account, as, browser, signedIn };
}

/** The integration form as a browser submits it, matching adInput() and the defaults; tests override what they are about. */
export function integrationForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    name: 'corp-ad',
    kind: 'active_directory',
    urls: 'ldaps://dc1.corp.example:636',
    tlsMode: 'ldaps',
    bindDn: 'CN=svc-dirsync,OU=Service Accounts,DC=corp,DC=example',
    bindPassword: 'Tr0ub4dor&3-bind',
    baseDns: 'OU=Staff,DC=corp,DC=example',
    userFilter: '',
    groupFilter: '',
    schedule: '0 8,13,23 * * *',
    connectTimeoutSeconds: '5',
    operationTimeoutSeconds: '15',
    acknowledgeDisabled: '1',
    ...overrides,
  };
}

/** The targets of a page's POST forms: a page without actions has only the sign-out form. */
export const postForms = (html: string) => [...html.matchAll(/<form\b[^>]*\bmethod="post"[^>]*>/g)].map((m) => /action="([^"]*)"/.exec(m[0])?.[1] ?? '');
