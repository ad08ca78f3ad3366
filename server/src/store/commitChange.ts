import type { DbData } from './DbData.ts';
import type { StoreData } from './StoreData.ts';

/** Commits a change that also needs the time it is made at (ISO), read when the change runs, after those queued before it. */
export function commitChange<R>(db: StoreData, now: () => Date, change: (data: DbData, at: string) => { next: DbData; result: R }): Promise<R> {
  return db.commit((data) => change(data, now().toISOString()));
}
