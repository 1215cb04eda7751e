import type { Actor } from '../core/roles.ts';
import type { CronPort, Logger, Pki, SecretBox, Store } from '../core/ports.ts';

/** Everything a command may touch. Faces build one per request; tests build one per case. */
export interface CommandContext {
  actor: Actor;
  accountId: string;
  store: Store;
  secrets: SecretBox;
  pki: Pki;
  cron: CronPort;
  now: () => Date;
  log: Logger;
}

/** The ports without the per-request actor and account: what a face holds between requests. */
export type CommandDeps = Omit<CommandContext, 'actor' | 'accountId'>;
