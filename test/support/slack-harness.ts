import { createSlackFace, type SlackFace } from '../../src/faces/slack/slack-face.ts';
import { startWorker } from '../../src/faces/jobs/worker.ts';
import type { App } from '../../src/app.ts';
import { testApp } from './app.ts';
import { grantRole } from '../../src/commands/role/grant.ts';
import { afterEach } from 'vitest';
import type { Store } from '../../src/core/ports.ts';
import type { Role } from '../../src/core/roles.ts';
import { testAccount, testDeps } from './context.ts';
import { startFakeSlack, type FakeSlack } from './slack-api.ts';
import { clickButton, slashCommand, type ClickOptions, type SlashOptions } from './slack-requests.ts';
import { ownSlapd } from './sync.ts';

export const SIGNING_SECRET = 'e3b0c44298fc1c149afbf4c8996fb924';
export const ALERT_CHANNEL = 'CALERTS';

export interface SlackHarness {
  slack: FakeSlack;
  face: SlackFace;
  app: App;
  account: Awaited<ReturnType<typeof testAccount>>['account'];
  as: Awaited<ReturnType<typeof testAccount>>['as'];
  deps: ReturnType<typeof testDeps>;
  /** Gives a Slack user a role in the account (through the command, as an admin would). */
  role(user: string, role: Role): Promise<void>;
  command(opts: Omit<SlashOptions, 'secret'> & { secret?: string }): ReturnType<typeof slashCommand>;
  click(opts: Omit<ClickOptions, 'secret'> & { secret?: string }): ReturnType<typeof clickButton>;
  /** Delivers every notification due now (the dispatcher also polls on its own). */
  drain(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The real Bolt stack behind dirsync's Hono app, talking to a recording Slack on loopback, with
 * a sync worker running. One per test: its own account, its own fake Slack.
 */
export async function startSlackHarness(store: Store, opts: { workers?: boolean; ackWithinMs?: number; alertChannel?: string | null } = {}): Promise<SlackHarness> {
  const slack = await startFakeSlack();
  const deps = testDeps(store);
  const { account, as } = await testAccount(store, deps);
  const face = createSlackFace({
    deps,
    accountId: account.id,
    config: { botToken: 'xoxb-test-token', signingSecret: SIGNING_SECRET, appToken: null, alertChannel: opts.alertChannel === undefined ? ALERT_CHANNEL : opts.alertChannel, apiUrl: slack.apiUrl },
    log: deps.log,
    owner: `test-${account.id.slice(0, 8)}`,
    ackWithinMs: opts.ackWithinMs ?? 1_500,
    progressIntervalMs: 50,
    dispatchPollMs: 50,
  });
  await face.start();
  const app = testApp({ deps, accountId: account.id, slack: face.endpoint! });
  const worker = opts.workers === false ? null : startWorker({ deps, owner: `worker-${account.id.slice(0, 8)}`, concurrency: 1, leaseMs: 30_000, pollMs: 50 });
  return {
    slack,
    face,
    app,
    account,
    as,
    deps,
    role: async (user, role) => void (await grantRole({ ctx: as('admin'), input: { identity: `slack:${user}`, role } })),
    command: (o) => slashCommand(app, slack, { secret: SIGNING_SECRET, ...o }),
    click: (o) => clickButton(app, slack, { secret: SIGNING_SECRET, ...o }),
    drain: () => face.dispatcher.drain(),
    async stop() {
      await worker?.stop();
      await face.stop();
      await slack.close();
    },
  };
}

/** All text a Slack message shows (its fallback and every block), for "does it say X" checks. */
export function shown(message: { text?: unknown; blocks?: unknown } | null | undefined): string {
  if (!message) return '';
  return `${String(message.text ?? '')}\n${JSON.stringify(message.blocks ?? [])}`;
}

/**
 * Per test: harnesses and slapd instances started through this are stopped after the test, in
 * reverse order. Call inside a describe that has a database.
 */
export function useSlackHarnesses(store: () => Store) {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const stop of cleanup.splice(0).reverse()) await stop();
  });
  return {
    async harness(opts: Parameters<typeof startSlackHarness>[1] = {}): Promise<SlackHarness> {
      const h = await startSlackHarness(store(), opts);
      cleanup.push(() => h.stop());
      return h;
    },
    async directory(extraLdif = '') {
      const dir = await ownSlapd(extraLdif);
      cleanup.push(() => dir.slapd.stop());
      return dir;
    },
  };
}
