import { html } from 'hono/html';
import type { IntegrationView } from '../src/commands/integration-view.ts';

/** The read-only list served at `/` until the dashboard arrives. `html` escapes every value. */
export function integrationsPage(integrations: IntegrationView[], now: Date) {
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>dirsync — integrations</title>
    <link rel="stylesheet" href="/assets/app.css" />
  </head>
  <body>
    <main>
      <h1>Directory integrations</h1>
      ${integrations.length === 0
        ? html`<p class="muted">No integrations yet. Add one with <code>dirsync integrations add</code>.</p>`
        : html`<table>
            <thead>
              <tr><th scope="col">Name</th><th scope="col">Kind</th><th scope="col">State</th><th scope="col">Servers</th><th scope="col">Base DNs</th><th scope="col">Schedule</th></tr>
            </thead>
            <tbody>
              ${integrations.map(
                (i) => html`<tr>
                  <td><strong>${i.name}</strong></td>
                  <td>${i.kind}</td>
                  <td><span class="badge state-${i.state}">${i.state}</span><br /><span class="muted">since ${ago(i.stateChangedAt, now)}</span></td>
                  <td>${i.urls.map((u) => html`<code>${u}</code><br />`)}</td>
                  <td>${i.baseDns.map((d) => html`<code>${d}</code><br />`)}</td>
                  <td><code>${i.schedule}</code></td>
                </tr>`,
              )}
            </tbody>
          </table>`}
    </main>
  </body>
</html>`;
}

function ago(iso: string, now: Date): string {
  const minutes = Math.max(0, Math.round((now.getTime() - new Date(iso).getTime()) / 60_000));
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h ago`;
  return `${Math.round(minutes / 1440)} days ago`;
}
