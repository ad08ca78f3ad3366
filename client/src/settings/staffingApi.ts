import type { AgentSettings, LiveFigures, QueueSettings, WebhookDelivery, WebhookView } from '@baton/shared';
import { ApiError, fetchJson, sendJson } from '../api/fetchJson.ts';

export const fetchQueues = (signal?: AbortSignal) => fetchJson<QueueSettings[]>('/api/queues', signal);

/** Creates the queue when `isNew`, else replaces it; the server names each invalid field. */
export const saveQueue = (queue: QueueSettings, isNew: boolean) =>
  isNew ? sendJson<QueueSettings>('/api/queues', 'POST', queue) : sendJson<QueueSettings>(`/api/queues/${encodeURIComponent(queue.id)}`, 'PUT', queue);

/** The queue's webhook, or null when it has none yet. */
export async function fetchWebhook(queueId: string, signal?: AbortSignal): Promise<WebhookView | null> {
  try {
    return await fetchJson<WebhookView>(`/api/queues/${encodeURIComponent(queueId)}/webhook`, signal);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

/** Without `secret`, the server keeps the one it has. */
export const saveWebhook = (queueId: string, webhook: { url: string; secret?: string; enabled: boolean; allowPrivateNetwork: boolean }) =>
  sendJson<WebhookView>(`/api/queues/${encodeURIComponent(queueId)}/webhook`, 'PUT', webhook);

export const fetchAgents = (signal?: AbortSignal) => fetchJson<AgentSettings[]>('/api/agents', signal);

export const saveAgent = (agent: AgentSettings, isNew: boolean) =>
  isNew ? sendJson<AgentSettings>('/api/agents', 'POST', agent) : sendJson<AgentSettings>(`/api/agents/${encodeURIComponent(agent.id)}`, 'PUT', agent);

/** Every queue's and agent's figures right now (waiting callers, agents free, live status). */
export const fetchLiveFigures = (signal?: AbortSignal) => fetchJson<LiveFigures>('/api/routing/live', signal);

/** The queue's latest webhook deliveries, newest first. */
export const fetchWebhookDeliveries = (queueId: string, signal?: AbortSignal) =>
  fetchJson<WebhookDelivery[]>(`/api/queues/${encodeURIComponent(queueId)}/webhook/deliveries`, signal);
