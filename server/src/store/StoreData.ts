import type { Adapter } from 'lowdb';
import type { AuditFile } from './AuditFile.ts';
import { auditPage, type AuditPage, type AuditQuery } from './auditQuery.ts';
import type { DbData } from './DbData.ts';
import { addedAudit } from './storeRows.ts';

/** What one change computes from the data as it is: the data after it, and what the caller gets back. */
export type DataChange<R> = (data: DbData) => { next: DbData; result: R };

/**
 * Everything the durable store keeps (flows, versions, queues, agents, …), read from memory and changed one change at a
 * time: `baton.json` on one machine (LowdbData), PostgreSQL when several instances share it (PgStoreData). The
 * repositories work on this alone, so both keep the same rules (versions, If-Match, what goes with what).
 */
export interface StoreData {
  /** The data as this instance last saw it (never mutated: a change makes a new object). */
  readonly data: DbData;
  /**
   * Runs `change` on the latest data, keeps its result durably, and only then makes it visible: a change that throws,
   * or whose write fails, leaves memory and storage as they were. Changes run one at a time.
   */
  commit<R>(change: DataChange<R>): Promise<R>;
  /** Runs `work` while no other instance runs one (first-start seeding), on the latest data. */
  alone<T>(work: () => Promise<T>): Promise<T>;
  /** Resolves once this instance holds every change saved so far, from any instance. */
  fresh(): Promise<void>;
  /** A page of the whole audit trail (memory holds only the latest entries), newest first. */
  auditPage(query: AuditQuery): Promise<AuditPage>;
  close(): Promise<void>;
}

/** The store's data in `baton.json` through a lowdb adapter (DurableJsonFile: write, fsync, rename). */
export class LowdbData implements StoreData {
  // One queue for every repository over this data: each change reads the data the previous one left, so two
  // repositories writing the whole file can never undo each other's change.
  private queue: Promise<unknown> = Promise.resolve();

  /** `trail`: where every audit entry is kept (without it, only those in the data). */
  constructor(
    private readonly adapter: Adapter<DbData>,
    public data: DbData,
    private readonly trail?: AuditFile,
  ) {}

  commit<R>(change: DataChange<R>): Promise<R> {
    const run = this.queue.then(async () => {
      const { next, result } = change(this.data);
      // The trail first: a change whose write then fails leaves a line about what was tried, never a change without one.
      if (this.trail) await this.trail.append(addedAudit(this.data, next));
      await this.adapter.write(next);
      this.data = next;
      return result;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  alone<T>(work: () => Promise<T>): Promise<T> {
    // One machine: the data directory's lock already keeps other servers out.
    return work();
  }

  async fresh(): Promise<void> {
    // Only this server changes its data directory.
  }

  auditPage(query: AuditQuery): Promise<AuditPage> {
    return this.trail ? this.trail.page(query) : Promise.resolve(auditPage(this.data.audit, query));
  }

  async close(): Promise<void> {
    await this.queue;
  }
}
