import type { AlertDetail, AlertKind, AlertRecord, AlertStatus, NotificationPayload, NotificationRecord, NotificationSubject } from './alerts.ts';
import type { FailureClass } from './failures.ts';
import type { Role } from './roles.ts';

/** Ports for roles, alerts and chat delivery (Slack now, Teams next). */

export interface RoleBinding {
  identity: string;
  role: Role;
  grantedBy: string;
  grantedAt: Date;
}

export interface RoleRepo {
  roleOf(accountId: string, identity: string): Promise<Role | null>;
  list(accountId: string): Promise<RoleBinding[]>;
  /** Returns the role the identity had before, if any. */
  grant(accountId: string, binding: RoleBinding): Promise<Role | null>;
  /** Returns the role removed, or null when there was none. */
  revoke(accountId: string, identity: string): Promise<Role | null>;
  /** Serialises role changes of an account (the last-admin check must see a stable count). */
  lock(accountId: string): Promise<void>;
}

export interface AlertDestination {
  platform: string;
  /** null: alerts switched off on this platform. */
  target: Record<string, unknown> | null;
  setBy: string;
  setAt: Date;
}

export interface DestinationRepo {
  get(accountId: string, platform: string): Promise<AlertDestination | null>;
  set(accountId: string, destination: AlertDestination): Promise<void>;
}

export interface NewAlert {
  accountId: string;
  integrationId: string;
  kind: AlertKind;
  class: FailureClass | null;
  reason: string | null;
  detail: AlertDetail;
  now: Date;
}

export interface AlertRepo {
  /** Serialises alert decisions of an account across replicas (transaction-scoped). */
  lock(accountId: string): Promise<void>;
  open(accountId: string, integrationId?: string): Promise<AlertRecord[]>;
  get(accountId: string, id: number): Promise<AlertRecord | null>;
  list(accountId: string, filter: { status?: AlertStatus; limit: number; beforeId?: number }): Promise<AlertRecord[]>;
  insert(alert: NewAlert): Promise<AlertRecord>;
  update(id: number, patch: Partial<AlertRecord>): Promise<AlertRecord>;
}

export interface NotificationRepo {
  /** Written inside the transaction of the change it announces. */
  enqueue(n: { accountId: string; subject: NotificationSubject; subjectId: number; event: string; payload: NotificationPayload; now: Date }): Promise<void>;
}

/** A claimed delivery: the notification and how many times it was tried before. */
export interface Delivery extends NotificationRecord {
  attempts: number;
}

/** The delivery side of the outbox, used by each platform's dispatcher. */
export interface DeliveryQueue {
  /**
   * Claims up to `limit` notifications for `platform`, oldest first, at most one per subject
   * and never one whose subject has an earlier notification still undelivered (order per message).
   * `accountId`: only that account's (a chat face serves one account).
   */
  claim(platform: string, owner: string, limit: number, leaseMs: number, notBefore: Date, accountId?: string): Promise<Delivery[]>;
  /** sent / skipped / failed are final; retry comes back at `retryAt`. */
  settle(id: number, platform: string, outcome: { status: 'sent' | 'skipped' | 'failed' } | { status: 'retry'; retryAt: Date }, error: string | null): Promise<void>;
  /** Drops delivered notifications older than `before`. */
  prune(before: Date): Promise<number>;
}

export interface ChatMessage {
  platform: string;
  subject: NotificationSubject;
  subjectId: number;
  channel: string;
  messageId: string;
  meta: Record<string, unknown> | null;
}

export interface ChatMessageRepo {
  find(platform: string, subject: NotificationSubject, subjectId: number): Promise<ChatMessage[]>;
  save(message: ChatMessage, now: Date): Promise<void>;
}

export interface ChatConversation {
  platform: string;
  conversationId: string;
  kind: string;
  reference: Record<string, unknown>;
}

export interface ConversationRepo {
  save(accountId: string, conversation: ChatConversation, now: Date): Promise<void>;
  get(platform: string, conversationId: string): Promise<ChatConversation | null>;
  rememberName(identity: string, displayName: string, now: Date): Promise<void>;
  /** identity → display name, for those known. */
  names(identities: string[]): Promise<Record<string, string>>;
}

/**
 * Requests a chat platform signed, remembered for as long as they could come again: a replayed
 * signature, or a retry of a request already handled. Shared by every replica.
 */
export interface SeenRequests {
  /**
   * Records each key until its `until`, atomically: of two callers with the same key, one wins.
   * Returns the keys that were new (never seen, or seen but expired at `now`).
   */
  remember(entries: { key: string; until: Date }[], now: Date): Promise<Set<string>>;
  /** Forgets keys expired at `now`; returns how many. */
  prune(now: Date): Promise<number>;
}
