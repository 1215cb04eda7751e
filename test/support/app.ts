import { createApp, type AppConfig } from '../../src/app.ts';
import { loadDashboardAssets } from '../../src/faces/dashboard/node-assets.ts';

const assets = loadDashboardAssets();

export type TestAppConfig = Omit<AppConfig, 'dashboard'> & { dashboard?: Partial<AppConfig['dashboard']> };

/** The app as the Node entry builds it: the dashboard's assets read from web/assets. */
export function testApp({ dashboard, ...config }: TestAppConfig) {
  return createApp({ ...config, dashboard: { assets, ...dashboard } });
}
