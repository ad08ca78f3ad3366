import type { QueueSettings, Versioned, WebhookSettings } from '@baton/shared';
import type { StoreData } from './StoreData.ts';
import { AppError, notFound } from '../errors.ts';
import { commitChange } from './commitChange.ts';
import type { DbData } from './DbData.ts';
import { nextVersion, type Precondition } from './nextVersion.ts';
import { own, without } from './ownRecord.ts';
import type { QueueRepository } from './types.ts';

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Queues and their webhooks in the store's data, in the same durable file and write queue as the flows. */
export class DbQueueRepository implements QueueRepository {
  constructor(
    private readonly db: StoreData,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(): Array<Versioned<QueueSettings>> {
    return Object.values(this.db.data.queues)
      .map((q) => structuredClone(q))
      .sort(byId);
  }

  get(id: string): Versioned<QueueSettings> | undefined {
    const queue = own(this.db.data.queues, id);
    return queue && structuredClone(queue);
  }

  create(queue: QueueSettings): Promise<Versioned<QueueSettings>> {
    return commitChange(this.db, this.now, (data) => {
      if (own(data.queues, queue.id)) throw new AppError(409, 'queue_exists', `A queue with id "${queue.id}" already exists. Choose another id, or edit that queue.`);
      return this.withQueue(data, { ...structuredClone(queue), version: 1 });
    });
  }

  update(queue: QueueSettings, expected: number): Promise<Versioned<QueueSettings>> {
    return commitChange(this.db, this.now, (data) => {
      const current = own(data.queues, queue.id);
      if (!current) throw notFound('queue', queue.id);
      return this.withQueue(data, { ...structuredClone(queue), version: nextVersion('queue', current, expected) });
    });
  }

  private withQueue(data: DbData, stored: Versioned<QueueSettings>) {
    return { next: { ...data, queues: { ...data.queues, [stored.id]: stored } }, result: structuredClone(stored) };
  }

  remove(id: string): Promise<void> {
    return commitChange(this.db, this.now, (data) => {
      if (!own(data.queues, id)) throw notFound('queue', id);
      return { next: { ...data, queues: without(data.queues, id), webhooks: without(data.webhooks, id) }, result: undefined };
    });
  }

  webhook(queueId: string): Versioned<WebhookSettings> | undefined {
    const webhook = own(this.db.data.webhooks, queueId);
    return webhook && structuredClone(webhook);
  }

  putWebhook(queueId: string, webhook: WebhookSettings, expected: Precondition): Promise<Versioned<WebhookSettings>> {
    return commitChange(this.db, this.now, (data) => {
      if (!own(data.queues, queueId)) throw notFound('queue', queueId);
      const stored = { ...structuredClone(webhook), version: nextVersion('webhook', own(data.webhooks, queueId), expected) };
      return { next: { ...data, webhooks: { ...data.webhooks, [queueId]: stored } }, result: structuredClone(stored) };
    });
  }

  isEmpty(): boolean {
    return Object.keys(this.db.data.queues).length === 0;
  }
}
