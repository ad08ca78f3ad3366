import type { AgentSettings, LiveFigures, QueueSettings, Versioned, WebhookDelivery, WebhookView } from '@baton/shared';
import { ApiError, fetchJson, sendJson } from '../api/fetchJson.ts';
import { ifMatch } from '../api/ifMatch.ts';

/** What a settings form edits: a stored record has the version it was loaded at; a new one has none yet. */
export type Draft<T> = T & { version?: number };

export const fetchQueues = (signal?: AbortSignal) => fetchJson<Array<Versioned<QueueSettings>>>('/api/queues', signal);

export const fetchQueue = (id: string) => fetchJson<Versioned<QueueSettings>>(`/api/queues/${encodeURIComponent(id)}`);

/** Creates the queue when `isNew`, else replaces the version it was loaded at (412 when someone else saved since). */
export const saveQueue = (queue: Draft<QueueSettings>, isNew: boolean) =>
  isNew
    ? sendJson<Versioned<QueueSettings>>('/api/queues', 'POST', queue)
    : sendJson<Versioned<QueueSettings>>(`/api/queues/${encodeURIComponent(queue.id)}`, 'PUT', queue, ifMatch(queue.version));

/** The queue's webhook, or null when it has none yet. */
export async function fetchWebhook(queueId: string, signal?: AbortSignal): Promise<Versioned<WebhookView> | null> {
  try {
    return await fetchJson<Versioned<WebhookView>>(`/api/queues/${encodeURIComponent(queueId)}/webhook`, signal);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

/** Without `secret`, the server keeps the one it has; `version` undefined: the queue had no webhook when the page loaded. */
export const saveWebhook = (queueId: string, webhook: { url: string; secret?: string; enabled: boolean; allowPrivateNetwork: boolean }, version: number | undefined) =>
  sendJson<Versioned<WebhookView>>(`/api/queues/${encodeURIComponent(queueId)}/webhook`, 'PUT', webhook, ifMatch(version));

export const fetchAgents = (signal?: AbortSignal) => fetchJson<Array<Versioned<AgentSettings>>>('/api/agents', signal);

export const fetchAgent = (id: string) => fetchJson<Versioned<AgentSettings>>(`/api/agents/${encodeURIComponent(id)}`);

export const saveAgent = (agent: Draft<AgentSettings>, isNew: boolean) =>
  isNew
    ? sendJson<Versioned<AgentSettings>>('/api/agents', 'POST', agent)
    : sendJson<Versioned<AgentSettings>>(`/api/agents/${encodeURIComponent(agent.id)}`, 'PUT', agent, ifMatch(agent.version));

/** Every queue's and agent's figures right now (waiting callers, agents free, live status). */
export const fetchLiveFigures = (signal?: AbortSignal) => fetchJson<LiveFigures>('/api/routing/live', signal);

/** The queue's latest webhook deliveries, newest first. */
export const fetchWebhookDeliveries = (queueId: string, signal?: AbortSignal) =>
  fetchJson<WebhookDelivery[]>(`/api/queues/${encodeURIComponent(queueId)}/webhook/deliveries`, signal);
