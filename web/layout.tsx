import type { Child, FC } from 'hono/jsx';
import { allowed } from '../src/commands/registry.ts';
import type { Role } from '../src/core/roles.ts';
import type { Rich } from '../src/presenters/message.ts';
import { RichText } from './rich.tsx';

/** Who is looking at the page, and the token every form posts back (CSRF). */
export interface Viewer {
  login: string;
  role: Role;
  csrfToken: string;
  /** What the registry's header commands say (whoami: who dirsync thinks you are), for page views. */
  header?: HeaderItem[];
}

/** A header command's summary, and all it says as the tooltip. */
export interface HeaderItem {
  text: Rich;
  detail: string;
}

/** Whether the viewer's role allows a command (by its registry name): buttons they cannot use are not drawn (commands still check). */
export const can = (viewer: Viewer, command: string) => allowed(viewer, command);

export type Section = 'overview' | 'approvals' | 'alerts' | 'audit' | 'none';

const NAV: { section: Section; href: string; label: string }[] = [
  { section: 'overview', href: '/', label: 'Integrations' },
  { section: 'approvals', href: '/approvals', label: 'Approvals' },
  { section: 'alerts', href: '/alerts', label: 'Alerts' },
  { section: 'audit', href: '/audit', label: 'Audit log' },
];

export interface LayoutProps {
  title: string;
  viewer: Viewer | null;
  section?: Section;
  flash?: string | null;
  children?: Child;
}

export const Layout: FC<LayoutProps> = ({ title, viewer, section = 'none', flash, children }) => (
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`${title} · dirsync`}</title>
      <link rel="stylesheet" href="/assets/app.css" />
      <script src="/assets/app.js" defer></script>
    </head>
    <body>
      <a class="skip" href="#main">Skip to content</a>
      <header class="top">
        <a class="brand" href="/">dirsync</a>
        {viewer && (
          <nav aria-label="Main">
            <ul>
              {NAV.map((n) => (
                <li>
                  <a href={n.href} aria-current={n.section === section ? 'page' : undefined}>{n.label}</a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        {viewer && (
          <div class="who">
            {viewer.header ? viewer.header.map((h) => <span title={h.detail}><RichText text={h.text} /></span>) : <span>{`${viewer.login} (${viewer.role})`}</span>}
            <form class="inline" method="post" action="/logout">
              <CsrfField viewer={viewer} />
              <button class="secondary" type="submit">Sign out</button>
            </form>
          </div>
        )}
      </header>
      <main id="main">
        {flash && <p class="flash" role="status">{flash}</p>}
        {children}
      </main>
    </body>
  </html>
);

export const CsrfField: FC<{ viewer: Viewer }> = ({ viewer }) => <input type="hidden" name="_csrf" value={viewer.csrfToken} />;

/** A one-button form for a state change; hidden from people whose role cannot do it. */
export const ActionButton: FC<{
  viewer: Viewer;
  action: string;
  label: string;
  busy?: string;
  confirm?: string;
  danger?: boolean;
  secondary?: boolean;
  fields?: Record<string, string>;
}> = ({ viewer, action, label, busy, confirm, danger, secondary, fields = {} }) => (
  <form class="inline" method="post" action={action} data-confirm={confirm}>
    <CsrfField viewer={viewer} />
    {Object.entries(fields).map(([name, value]) => <input type="hidden" name={name} value={value} />)}
    <button type="submit" class={danger ? 'danger' : secondary ? 'secondary' : undefined} data-busy={busy}>{label}</button>
  </form>
);

/** A command failure shown at the top of a page: what went wrong and, per field, how to fix it. */
export const Problem: FC<{ message: string; issues?: { field: string; message: string; fix?: string }[] }> = ({ message, issues = [] }) => (
  <div class="problem" role="alert">
    <strong>{message}</strong>
    {issues.length > 0 && (
      <ul>
        {issues.map((i) => (
          <li>
            <code>{i.field}</code>: {i.message}
            {i.fix && !i.message.includes(i.fix) && <> Write it as <code>{i.fix}</code>.</>}
          </li>
        ))}
      </ul>
    )}
  </div>
);
