import type { StoreData } from './StoreData.ts';
import { notFound } from '../errors.ts';
import { commitChange } from './commitChange.ts';
import { nextVersion, type Precondition } from './nextVersion.ts';
import { own, without } from './ownRecord.ts';
import type { NumberBinding, NumberRepository } from './types.ts';

/** Phone number → flow bindings in the store's data, in the same durable file and write queue as the flows. */
export class DbNumberRepository implements NumberRepository {
  constructor(
    private readonly db: StoreData,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(): NumberBinding[] {
    return Object.values(this.db.data.numbers)
      .map((b) => ({ ...b }))
      .sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0));
  }

  get(number: string): NumberBinding | undefined {
    const binding = own(this.db.data.numbers, number);
    return binding && { ...binding };
  }

  put(number: string, flowId: string, expected: Precondition): Promise<{ binding: NumberBinding; created: boolean }> {
    return commitChange(this.db, this.now, (data, at) => {
      const current = own(data.numbers, number);
      const binding: NumberBinding = { number, flowId, updatedAt: at, version: nextVersion('phone number', current, expected) };
      return { next: { ...data, numbers: { ...data.numbers, [number]: binding } }, result: { binding: { ...binding }, created: !current } };
    });
  }

  remove(number: string): Promise<void> {
    return commitChange(this.db, this.now, (data) => {
      if (!own(data.numbers, number)) throw notFound('phone number', number);
      return { next: { ...data, numbers: without(data.numbers, number) }, result: undefined };
    });
  }
}
