/**
 * Ports: what the domain needs from the outside world. src/adapters implements them;
 * commands and core only ever see these interfaces.
 */
import type { Account } from './account.ts';
import type { TestReport } from './connection-test.ts';
import type { FailureClass, FailureReason } from './failures.ts';
import type { MetricsSnapshot } from './metrics.ts';
import type { ApprovalRepo, ChangeRepo, RunQueue, SyncStore } from './sync-ports.ts';
import type { AlertRepo, ChatMessageRepo, ConversationRepo, DeliveryQueue, DestinationRepo, NotificationRepo, RoleRepo, SeenRequests } from './chat-ports.ts';
import type { ErrorCode } from './errors.ts';
import type { Integration, IntegrationFields, IntegrationState } from './integration.ts';
import type { LoginFailureRepo, SetupTokenRepo, WebSessionRepo, WebUserRepo } from './web-auth.ts';

export type AuditOutcome = 'ok' | 'failed' | ErrorCode;

export interface AuditEntry {
  accountId: string;
  at: Date;
  /** `platform:id`, see actorKey(). */
  actor: string;
  /** `entity.verb`, e.g. `integration.add`. */
  action: string;
  target: string | null;
  /**
   * `ok`; `failed` for a command that ran to its end but whose subject failed (a connection test,
   * a sync run); else the error code that refused or broke the command itself.
   */
  outcome: AuditOutcome;
  /** Field names and non-secret facts only; never values of secrets. */
  detail: Record<string, unknown>;
}
export interface AuditRecord extends AuditEntry {
  id: number;
}
export interface AuditQuery {
  accountId: string;
  limit: number;
  beforeId?: number;
  action?: string;
  actor?: string;
  target?: string;
}

export type AccountPatch = Partial<Pick<Account, 'timeZone' | 'deletionThresholdCount' | 'deletionThresholdPercent' | 'lingeringHours' | 'mitRetentionDays' | 'purgeRetentionDays'>>;

export interface AccountRepo {
  findByName(name: string): Promise<Account | null>;
  findById(id: string): Promise<Account | null>;
  list(): Promise<Account[]>;
  /** Creates the account unless one with that name exists; returns the stored row either way. */
  ensure(account: Omit<Account, 'createdAt' | 'updatedAt'>, at: Date): Promise<Account>;
  update(id: string, patch: AccountPatch, at: Date): Promise<Account>;
}

export interface IntegrationRepo {
  /** Throws CommandError('conflict') when the name is taken in the account. */
  insert(row: Integration): Promise<void>;
  update(id: string, patch: Partial<IntegrationFields>, at: Date): Promise<Integration>;
  setState(id: string, state: IntegrationState, reason: string | null, at: Date): Promise<Integration>;
  findById(id: string): Promise<Integration | null>;
  /** Soft delete: the name is free again; the objects go through the gate. */
  markDeleted(id: string, at: Date): Promise<void>;
  /** Enabled or errored integrations of every account, for the scheduler. */
  schedulable(): Promise<(Integration & { timeZone: string })[]>;
  /** `lock` takes a row lock for the rest of the transaction (serialises concurrent edits). */
  findByName(accountId: string, name: string, opts?: { lock?: boolean }): Promise<Integration | null>;
  list(accountId: string): Promise<Integration[]>;
}

export interface AuditRepo {
  record(entry: AuditEntry): Promise<void>;
  list(query: AuditQuery): Promise<AuditRecord[]>;
}

/** The last connection test of an integration. */
export interface StoredTest {
  integrationId: string;
  testedAt: Date;
  actor: string;
  ok: boolean;
  failureClass: FailureClass | null;
  failureReason: FailureReason | null;
  certificateNotAfter: Date | null;
  report: TestReport;
}

export interface TestRepo {
  /** Replaces the integration's previous result. */
  save(test: StoredTest): Promise<void>;
  latest(integrationId: string): Promise<StoredTest | null>;
}

export interface Repos {
  accounts: AccountRepo;
  integrations: IntegrationRepo;
  audit: AuditRepo;
  tests: TestRepo;
  runs: RunQueue;
  approvals: ApprovalRepo;
  changes: ChangeRepo;
  roles: RoleRepo;
  destinations: DestinationRepo;
  alerts: AlertRepo;
  /** The outbox: chat notifications written with the change they announce. */
  notifications: NotificationRepo;
  /** Dashboard sign-in (see web-auth.ts). */
  webUsers: WebUserRepo;
  webSessions: WebSessionRepo;
  setupTokens: SetupTokenRepo;
  loginFailures: LoginFailureRepo;
}

/** Postgres (server or PGlite) behind repositories; `transaction` is all-or-nothing. */
export interface Store extends Repos {
  transaction<T>(fn: (tx: Repos) => Promise<T>): Promise<T>;
  /** The sync pipeline manages its own transaction (staging, diff, gate). */
  sync: SyncStore;
  /** Chat dispatchers read the outbox and remember the messages they posted. */
  deliveries: DeliveryQueue;
  chatMessages: ChatMessageRepo;
  conversations: ConversationRepo;
  /** Replay and retry protection for signed chat requests (Slack over HTTP). */
  seenRequests: SeenRequests;
  metrics(): Promise<MetricsSnapshot>;
  ping(): Promise<void>;
  /** When an error of this store means the database went away (not that it refused a statement): the driver's words for it. Else null. */
  connectionLoss(e: unknown): string | null;
  close(): Promise<void>;
}

/** Authenticated encryption for secrets at rest; `context` binds a ciphertext to its row and field. */
export interface SecretBox {
  seal(plaintext: string, context: string): Promise<string>;
  open(sealed: string, context: string): Promise<string>;
}

/** MACs over tokens the server hands out and checks later, under a subkey of the secret key per purpose. */
export interface TokenMac {
  /** base64url HMAC-SHA256 of `data`. */
  sign(purpose: string, data: string): Promise<string>;
  /** Constant time; false for a MAC of another purpose or key, or one that is not base64url. */
  verify(purpose: string, data: string, mac: string): Promise<boolean>;
}

export interface CertificateInfo {
  subject: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  fingerprint256: string;
}

export interface Pki {
  /** Parses a PEM bundle; throws Error with a readable message when it holds no valid certificate. */
  parseCertificates(pem: string): CertificateInfo[];
  /** Throws Error when the key is unreadable or does not belong to the certificate. */
  checkKeyPair(certPem: string, keyPem: string): void;
  /** Throws Error with a readable message when the PEM is not an unencrypted private key. */
  checkPrivateKey(keyPem: string): void;
}

export interface CronPort {
  /** null when valid, else the reason it is not. */
  check(expression: string, timeZone: string): string | null;
  nextRuns(expression: string, timeZone: string, count: number, from: Date): Date[];
}

export interface Logger {
  debug(msg: string, fields?: object): void;
  info(msg: string, fields?: object): void;
  warn(msg: string, fields?: object): void;
  error(msg: string, fields?: object): void;
  child(bindings: object): Logger;
}
