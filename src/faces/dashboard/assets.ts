import { Hono } from 'hono';

export interface DashboardAssets {
  css: string;
  js: string;
  /** /favicon.ico, which browsers ask for on every site (a 404 in the log otherwise); made on first request. */
  favicon: () => Uint8Array;
}

/**
 * The dashboard's stylesheet and script, served from here: the dashboard works with no internet
 * connection, and the Content-Security-Policy allows nothing inline.
 */
export function createAssetRoutes(assets: DashboardAssets) {
  const serve = (body: string, type: string) => (c: { body: (b: string, s: 200, h: Record<string, string>) => Response }) =>
    c.body(body, 200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=300' });
  return new Hono()
    .get('/assets/app.css', serve(assets.css, 'text/css; charset=utf-8'))
    .get('/assets/app.js', serve(assets.js, 'text/javascript; charset=utf-8'))
    .get('/favicon.ico', (c) => c.body(assets.favicon() as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': 'image/x-icon', 'Cache-Control': 'public, max-age=86400' }));
}
