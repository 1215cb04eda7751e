import type { Actor } from '../core/roles.ts';
import type { CronPort, Logger, Pki, SecretBox, Store, TokenMac } from '../core/ports.ts';
import type { DirectoryConnector } from '../core/probe.ts';
import type { ProgressEvent } from '../core/progress.ts';
import type { Origin } from '../core/alerts.ts';
import type { PasswordHasher } from '../core/web-auth.ts';

/** Everything a command may touch. Faces build one per request; tests build one per case. */
export interface CommandContext {
  actor: Actor;
  accountId: string;
  store: Store;
  secrets: SecretBox;
  /** Signs and checks tokens the faces hand out (the dashboard's sign-in CSRF token). */
  tokenMac: TokenMac;
  /** Dashboard passwords (scrypt). */
  passwords: PasswordHasher;
  pki: Pki;
  cron: CronPort;
  now: () => Date;
  log: Logger;
  directory: DirectoryConnector;
  /** Faces that can show progress (a terminal, a live page, a chat message) listen here. */
  progress?: (event: ProgressEvent) => void;
  /** The chat channel a request came from: approval cards and `alerts here` use it. */
  origin?: Origin;
}

/** The ports without the per-request actor and account: what a face holds between requests. */
export type CommandDeps = Omit<CommandContext, 'actor' | 'accountId' | 'progress' | 'origin'>;
