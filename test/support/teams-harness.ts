import { AppCredentials, PasswordServiceClientCredentialFactory, type AuthenticatorResult, type ServiceClientCredentials } from 'botframework-connector';
import { afterEach } from 'vitest';
import { createTeamsFace, type TeamsFace } from '../../src/faces/teams/teams-face.ts';
import { startWorker } from '../../src/faces/jobs/worker.ts';
import type { App } from '../../src/app.ts';
import { testApp } from './app.ts';
import { grantRole } from '../../src/commands/role/grant.ts';
import type { TeamsConfig } from '../../src/config.ts';
import type { Store } from '../../src/core/ports.ts';
import type { Role } from '../../src/core/roles.ts';
import { testAccount, testDeps } from './context.ts';
import { ownSlapd } from './sync.ts';
import { startFakeTeams, type FakeTeams } from './teams-connector.ts';

export const APP_ID = '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
export const BOT_ID = `28:${APP_ID}`;
export const TENANT = 'c0ffee00-0000-4000-8000-000000000001';

/** The bot's own tokens come from the fake token endpoint instead of Entra ID (MSAL). */
class LoopbackCredentials extends AppCredentials {
  readonly #tokenUrl: string;
  constructor(appId: string, tokenUrl: string) {
    super(appId, undefined, 'https://api.botframework.com');
    this.#tokenUrl = tokenUrl;
  }
  protected async refreshToken(): Promise<AuthenticatorResult> {
    const response = await fetch(this.#tokenUrl, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: this.appId }) });
    const token = (await response.json()) as { access_token: string; expires_in: number };
    return { accessToken: token.access_token, expiresOn: new Date(Date.now() + token.expires_in * 1000) };
  }
}

class LoopbackCredentialsFactory extends PasswordServiceClientCredentialFactory {
  readonly #tokenUrl: string;
  constructor(appId: string, password: string, tokenUrl: string) {
    super(appId, password);
    this.#tokenUrl = tokenUrl;
  }
  override async createCredentials(appId: string): Promise<ServiceClientCredentials> {
    return new LoopbackCredentials(appId, this.#tokenUrl);
  }
}

export interface TeamsHarness {
  teams: FakeTeams;
  face: TeamsFace;
  app: App;
  account: Awaited<ReturnType<typeof testAccount>>['account'];
  as: Awaited<ReturnType<typeof testAccount>>['as'];
  deps: ReturnType<typeof testDeps>;
  role(aadObjectId: string, role: Role): Promise<void>;
  drain(): Promise<number>;
}

/**
 * The real botbuilder stack behind dirsync's Hono app: tokens verified against keys served on
 * loopback, replies going to a recording connector on loopback, a sync worker running.
 */
export function useTeamsHarnesses(store: () => Store) {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const stop of cleanup.splice(0).reverse()) await stop();
  });
  return {
    async harness(opts: { insecure?: boolean; workers?: boolean; ackWithinMs?: number } = {}): Promise<TeamsHarness> {
      const teams = await startFakeTeams();
      cleanup.push(() => teams.close());
      const deps = testDeps(store());
      const { account, as } = await testAccount(store(), deps);
      const config: TeamsConfig = opts.insecure ? { mode: 'insecure_local' } : { mode: 'authenticated', appId: APP_ID, appPassword: 'test-secret', tenantId: null, appType: 'MultiTenant' };
      const face = createTeamsFace({
        deps, accountId: account.id, config, log: deps.log, owner: `teams-${account.id.slice(0, 8)}`,
        // Insecure mode uses botbuilder's own "no credentials" path: nothing to point elsewhere.
        ...(!opts.insecure && { endpoints: { openIdMetadataUrl: teams.openIdMetadataUrl, emulatorOpenIdMetadataUrl: teams.openIdMetadataUrl, credentialsFactory: new LoopbackCredentialsFactory(APP_ID, 'test-secret', teams.tokenUrl) } }),
        ackWithinMs: opts.ackWithinMs ?? 3_000, progressIntervalMs: 50, dispatchPollMs: 50,
      });
      face.start();
      cleanup.push(() => face.stop());
      if (opts.workers !== false) {
        const worker = startWorker({ deps, owner: `worker-${account.id.slice(0, 8)}`, concurrency: 1, leaseMs: 30_000, pollMs: 50 });
        cleanup.push(() => worker.stop());
      }
      const app = testApp({ deps, accountId: account.id, teams: face.endpoint });
      return {
        teams, face, app, account, as, deps,
        role: async (aad, role) => void (await grantRole({ ctx: as('admin'), input: { identity: `teams:${aad}`, role } })),
        drain: () => face.dispatcher.drain(),
      };
    },
    async directory(extraLdif = '') {
      const dir = await ownSlapd(extraLdif);
      cleanup.push(() => dir.slapd.stop());
      return dir;
    },
  };
}
