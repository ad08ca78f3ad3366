import { randomUUID } from 'node:crypto';
import type { PublishRequest } from '@baton/shared';
import { AppError, notFound } from '../errors.ts';
import { appendAudit } from './audit.ts';
import type { StoreData } from './StoreData.ts';
import { commitChange } from './commitChange.ts';
import { own } from './ownRecord.ts';

/** Analysts' requests to publish a flow's draft, each decided once by an admin. */
export class DbPublishRequestRepository {
  constructor(
    private readonly db: StoreData,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** A flow's requests, newest first. */
  list(flowId?: string): PublishRequest[] {
    return Object.values(this.db.data.publishRequests)
      .filter((r) => !flowId || r.flowId === flowId)
      .sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));
  }

  get(id: string): PublishRequest | undefined {
    return own(this.db.data.publishRequests, id);
  }

  add(flowId: string, draftVersion: number, requestedBy: string, note: string | undefined): Promise<PublishRequest> {
    return commitChange(this.db, this.now, (data, at) => {
      const request: PublishRequest = { id: randomUUID(), flowId, draftVersion, requestedBy, requestedAt: at, ...(note ? { note } : {}), status: 'open' };
      const audit = appendAudit(data.audit, { at, action: 'publish_requested', flowId, version: draftVersion, ...(note ? { note } : {}) });
      return { next: { ...data, publishRequests: { ...data.publishRequests, [request.id]: request }, audit }, result: request };
    });
  }

  /** Records the decision on an open request; 409 when someone decided it already. */
  decide(id: string, decision: Pick<PublishRequest, 'status' | 'decidedBy' | 'decisionNote' | 'publishedVersion'>): Promise<PublishRequest> {
    return commitChange(this.db, this.now, (data, at) => {
      const current = own(data.publishRequests, id);
      if (!current) throw notFound('publish request', id);
      if (current.status !== 'open') throw new AppError(409, 'already_decided', `This request was already ${current.status} by ${current.decidedBy ?? 'someone'}.`);
      const decided: PublishRequest = { ...current, ...decision, decidedAt: at };
      const audit = decision.status === 'declined' ? appendAudit(data.audit, { at, action: 'publish_declined', flowId: current.flowId, version: current.draftVersion, subject: current.requestedBy, ...(decision.decisionNote ? { note: decision.decisionNote } : {}) }) : data.audit;
      return { next: { ...data, publishRequests: { ...data.publishRequests, [id]: decided }, audit }, result: decided };
    });
  }
}
