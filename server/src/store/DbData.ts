import { type PublishRequest, dropUnknownNodeSettings, type AgentSettings, type CallbackRequest, type FlowDocument, type Persona, type QueueSettings, type StoredConversationTest, type Versioned, type WebhookSettings } from '@baton/shared';
import type { NumberBinding, PublishedVersion } from './types.ts';
import type { StoredSession, StoredToken, StoredUser } from '../accounts/accountRecords.ts';

export type StoredFlow = FlowDocument & { updatedAt: string };

export const auditActions = [
  'create', 'update', 'delete', 'publish', 'rollback', 'publish_requested', 'publish_declined',
  'sign_in', 'sign_in_failed', 'sign_out', 'user_added', 'user_changed', 'user_removed', 'key_made', 'key_revoked',
  'queue_changed', 'webhook_changed', 'agent_changed', 'number_changed',
] as const;
export type AuditAction = (typeof auditActions)[number];

/** One line of the audit trail: append-only, never changed. */
export interface AuditEntry {
  at: string;
  action: AuditAction;
  /** Who did it: a sign-in name, `key "<name>"` for a program, absent for Baton itself (first start). */
  who?: string;
  flowId?: string;
  /** The draft version the action produced, published from, or deleted. */
  version?: number;
  publishedVersion?: number;
  /** What else it was about: a person, a key, a queue, a phone number. */
  subject?: string;
  /** What changed: where, and the value before and after (at most 50; long values cut). */
  changes?: Array<{ field: string; before?: unknown; after?: unknown }>;
  note?: string;
}

/** The audit entries kept in memory (and in `baton.json`); `audit.jsonl` or PostgreSQL keeps them all. */
export const AUDIT_KEPT = 1000;

/** Everything kept in `baton.json`. */
export interface DbData {
  flows: Record<string, StoredFlow>;
  versions: Record<string, PublishedVersion[]>;
  /** Each flow's conversation tests, by flow id. */
  conversationTests: Record<string, StoredConversationTest[]>;
  /** Simulated callers, by persona id. */
  personas: Record<string, Versioned<Persona>>;
  /** Queues calls are handed to, by queue id. */
  queues: Record<string, Versioned<QueueSettings>>;
  /** The people who take handed-over calls, by agent id. */
  agents: Record<string, Versioned<AgentSettings>>;
  /** Each queue's outbound handoff webhook, by queue id (secret included: never sent back by the API). */
  webhooks: Record<string, Versioned<WebhookSettings>>;
  /** Call backs promised to callers, by request id. */
  callbacks: Record<string, CallbackRequest>;
  /** Which flow answers each phone number, by number (E.164). */
  numbers: Record<string, NumberBinding>;
  /** The people who sign in, by user id (password hashed with scrypt). */
  users: Record<string, StoredUser>;
  /** Programs' access keys, by token id (the secret hashed). */
  tokens: Record<string, StoredToken>;
  /** Signed-in browsers, by the hash of their session cookie (the cookie itself is never stored). */
  sessions: Record<string, StoredSession>;
  /** Analysts' requests to publish, by request id. */
  publishRequests: Record<string, PublishRequest>;
  audit: AuditEntry[];
}

export const emptyDbData = (): DbData => ({ flows: {}, versions: {}, conversationTests: {}, personas: {}, queues: {}, agents: {}, webhooks: {}, callbacks: {}, numbers: {}, users: {}, tokens: {}, sessions: {}, publishRequests: {}, audit: [] });

/** Nothing stored yet: no collection holds anything. */
export const isEmptyData = (data: DbData): boolean => Object.values(data).every((held) => (Array.isArray(held) ? held.length === 0 : Object.keys(held as object).length === 0));

/** Records saved before settings had versions count as version 1, so the first save from a page moves them to 2. */
function withVersions<T extends object>(records: Record<string, T>): Record<string, Versioned<T>> {
  return Object.fromEntries(Object.entries(records).map(([id, r]) => [id, { ...r, version: 'version' in r && typeof r.version === 'number' ? r.version : 1 }]));
}

/**
 * Fills in collections a file from an older Baton lacks, and versions its settings lacked. `queues` and `agents` were
 * reserved as (always empty) arrays before they held anything, so an array there becomes an empty record. Node
 * settings no kind knows, which older Batons stored, are dropped from drafts and published versions alike, so those
 * flows still compile.
 */
export function upgradeDbData(stored: Partial<DbData> | null): DbData {
  const data = { ...emptyDbData(), ...stored };
  const flows = Object.fromEntries(Object.entries(data.flows).map(([id, flow]) => [id, dropUnknownNodeSettings(flow) as StoredFlow]));
  const versions = Object.fromEntries(Object.entries(data.versions).map(([id, list]) => [id, list.map((v) => ({ ...v, flow: dropUnknownNodeSettings(v.flow) }))]));
  return {
    ...data,
    flows,
    versions,
    queues: Array.isArray(data.queues) ? {} : withVersions(data.queues),
    agents: Array.isArray(data.agents) ? {} : withVersions(data.agents),
    personas: withVersions(data.personas),
    webhooks: withVersions(data.webhooks),
    numbers: withVersions(data.numbers),
    // Reserved as an (always empty) array before accounts existed.
    users: Array.isArray(data.users) ? {} : data.users,
  };
}
