import type { QueueSettings, WebhookSettings } from '@baton/shared';
import type { Low } from 'lowdb';
import { AppError, notFound } from '../errors.ts';
import { commitChange } from './commitChange.ts';
import type { DbData } from './DbData.ts';
import { own, without } from './ownRecord.ts';
import type { QueueRepository } from './types.ts';

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Queues and their webhooks in lowdb, in the same durable file and write queue as the flows. */
export class LowdbQueueRepository implements QueueRepository {
  constructor(
    private readonly db: Low<DbData>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(): QueueSettings[] {
    return Object.values(this.db.data.queues)
      .map((q) => structuredClone(q))
      .sort(byId);
  }

  get(id: string): QueueSettings | undefined {
    const queue = own(this.db.data.queues, id);
    return queue && structuredClone(queue);
  }

  create(queue: QueueSettings): Promise<QueueSettings> {
    return commitChange(this.db, this.now, (data) => {
      if (own(data.queues, queue.id)) throw new AppError(409, 'queue_exists', `A queue with id "${queue.id}" already exists. Choose another id, or edit that queue.`);
      return { next: { ...data, queues: { ...data.queues, [queue.id]: structuredClone(queue) } }, result: structuredClone(queue) };
    });
  }

  update(queue: QueueSettings): Promise<QueueSettings> {
    return commitChange(this.db, this.now, (data) => {
      if (!own(data.queues, queue.id)) throw notFound('queue', queue.id);
      return { next: { ...data, queues: { ...data.queues, [queue.id]: structuredClone(queue) } }, result: structuredClone(queue) };
    });
  }

  remove(id: string): Promise<void> {
    return commitChange(this.db, this.now, (data) => {
      if (!own(data.queues, id)) throw notFound('queue', id);
      return { next: { ...data, queues: without(data.queues, id), webhooks: without(data.webhooks, id) }, result: undefined };
    });
  }

  webhook(queueId: string): WebhookSettings | undefined {
    const webhook = own(this.db.data.webhooks, queueId);
    return webhook && structuredClone(webhook);
  }

  putWebhook(queueId: string, webhook: WebhookSettings): Promise<WebhookSettings> {
    return commitChange(this.db, this.now, (data) => {
      if (!own(data.queues, queueId)) throw notFound('queue', queueId);
      return { next: { ...data, webhooks: { ...data.webhooks, [queueId]: structuredClone(webhook) } }, result: structuredClone(webhook) };
    });
  }

  isEmpty(): boolean {
    return Object.keys(this.db.data.queues).length === 0;
  }
}
