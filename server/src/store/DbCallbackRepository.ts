import type { CallbackRequest } from '@baton/shared';
import type { StoreData } from './StoreData.ts';
import { AppError } from '../errors.ts';
import { commitChange } from './commitChange.ts';
import { own } from './ownRecord.ts';
import type { CallbackRepository } from './types.ts';

/** Callback requests in the store's data: few, small, and they must survive a restart (a promise was made to a customer). */
export class DbCallbackRepository implements CallbackRepository {
  constructor(
    private readonly db: StoreData,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(): CallbackRequest[] {
    return Object.values(this.db.data.callbacks).map((c) => structuredClone(c));
  }

  add(callback: CallbackRequest): Promise<CallbackRequest> {
    return commitChange(this.db, this.now, (data) => {
      if (own(data.callbacks, callback.id)) throw new AppError(409, 'callback_exists', `A callback request with id "${callback.id}" already exists.`);
      return { next: { ...data, callbacks: { ...data.callbacks, [callback.id]: structuredClone(callback) } }, result: structuredClone(callback) };
    });
  }

  claim(id: string, agentId: string, at: Date): Promise<CallbackRequest> {
    return commitChange(this.db, this.now, (data) => {
      const existing = own(data.callbacks, id);
      if (!existing) throw new AppError(404, 'callback_not_found', `No callback request with id "${id}".`);
      if (existing.claimedBy) throw new AppError(409, 'callback_already_claimed', `This callback was already claimed by ${existing.claimedBy.agentId}.`);
      const claimed: CallbackRequest = { ...structuredClone(existing), claimedBy: { agentId, at: at.toISOString() } };
      return { next: { ...data, callbacks: { ...data.callbacks, [id]: claimed } }, result: structuredClone(claimed) };
    });
  }
}
