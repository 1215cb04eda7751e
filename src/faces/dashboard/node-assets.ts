import { readFileSync } from 'node:fs';
import type { DashboardAssets } from './assets.ts';

/** The files in web/assets, read once (Node). Other runtimes bundle them as text instead. */
export function loadDashboardAssets(): DashboardAssets {
  const read = (file: string) => readFileSync(new URL(`../../../web/assets/${file}`, import.meta.url), 'utf8');
  return { css: read('app.css'), js: read('app.js') };
}
