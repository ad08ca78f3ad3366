import type { FlowDocument, Persona, StoredConversationTest } from '@baton/shared';
import type { PublishedVersion } from './types.ts';

export type StoredFlow = FlowDocument & { updatedAt: string };

export interface AuditEntry {
  at: string;
  action: 'create' | 'update' | 'delete' | 'publish';
  flowId: string;
  /** The draft version the action produced, published from, or deleted. */
  version: number;
  publishedVersion?: number;
}

/** Everything kept in `baton.json`. */
export interface DbData {
  flows: Record<string, StoredFlow>;
  versions: Record<string, PublishedVersion[]>;
  /** Each flow's conversation tests, by flow id. */
  conversationTests: Record<string, StoredConversationTest[]>;
  /** Simulated callers, by persona id. */
  personas: Record<string, Persona>;
  // Reserved for the queue, agent and user issues so their data lands in the same durable file.
  queues: unknown[];
  agents: unknown[];
  users: unknown[];
  audit: AuditEntry[];
}

export const emptyDbData = (): DbData => ({ flows: {}, versions: {}, conversationTests: {}, personas: {}, queues: [], agents: [], users: [], audit: [] });
