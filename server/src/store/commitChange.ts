import type { Low } from 'lowdb';
import type { DbData } from './DbData.ts';

// One queue per database, shared by every repository over it: each change reads the data the previous
// one left, so two repositories writing the whole file can never undo each other's change.
const queues = new WeakMap<Low<DbData>, Promise<unknown>>();

/**
 * Computes a change on the current data, writes it durably, and only then makes it visible, so a
 * failed write (or a change that throws) leaves memory and disk as they were.
 */
export function commitChange<R>(db: Low<DbData>, now: () => Date, change: (data: DbData, at: string) => { next: DbData; result: R }): Promise<R> {
  const run = (queues.get(db) ?? Promise.resolve()).then(async () => {
    const { next, result } = change(db.data, now().toISOString());
    // Written through the adapter rather than db.write(), which would need db.data swapped first.
    await db.adapter.write(next);
    db.data = next;
    return result;
  });
  queues.set(db, run.catch(() => undefined));
  return run;
}
