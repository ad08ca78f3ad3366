import type { FlowDocument } from '@baton/shared';
import { currentActor } from '../accounts/actor.ts';
import type { StoreData } from './StoreData.ts';
import { AppError, notFound } from '../errors.ts';
import { commitChange } from './commitChange.ts';
import { nextVersion } from './nextVersion.ts';
import { own, without } from './ownRecord.ts';
import type { AuditEntry, DbData, StoredFlow } from './DbData.ts';
import { appendAudit, flowChanges } from './audit.ts';
import type { FlowRepository, FlowSummary, PublishedVersion } from './types.ts';

/** The document itself, without what `get` adds, so a flow sent back as read does not store those fields. */
function toDocument(flow: FlowDocument): FlowDocument {
  const { updatedAt: _updatedAt, publishedVersion: _publishedVersion, publishedFromDraft: _from, ...doc } = flow as FlowDocument & {
    updatedAt?: unknown;
    publishedVersion?: unknown;
    publishedFromDraft?: unknown;
  };
  return structuredClone(doc);
}

/** Who published a version (the acting person or key) and their note. */
function by(note: string | undefined): Pick<PublishedVersion, 'publishedBy' | 'note'> {
  const who = currentActor();
  return { ...(who ? { publishedBy: who } : {}), ...(note ? { note } : {}) };
}

/**
 * Flows, drafts and published versions in the store's data. Each change is computed on a copy, written durably,
 * and only then made visible, so a failed write leaves memory and disk as they were.
 */
export class DbFlowRepository implements FlowRepository {
  constructor(
    private readonly db: StoreData,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(): FlowSummary[] {
    return Object.values(this.db.data.flows)
      .map(({ id, name, description, version, updatedAt }) => {
        return { id, name, description, version, ...this.published(id), updatedAt };
      })
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  summary(id: string): FlowSummary | undefined {
    const flow = own(this.db.data.flows, id);
    return flow && { id, name: flow.name, description: flow.description, version: flow.version, ...this.published(id), updatedAt: flow.updatedAt };
  }

  get(id: string) {
    const flow = own(this.db.data.flows, id);
    // A copy: callers editing the result must not change the stored draft behind the version check.
    return flow && { ...structuredClone(flow), ...this.published(id) };
  }

  create(flow: FlowDocument): Promise<FlowDocument> {
    return this.mutate((data, at) => {
      if (own(data.flows, flow.id)) throw new AppError(409, 'flow_exists', `A flow with id "${flow.id}" already exists.`);
      const stored: StoredFlow = { ...toDocument(flow), version: 1, updatedAt: at };
      return this.withFlow(data, stored, { at, action: 'create', flowId: stored.id, version: 1 });
    });
  }

  update(id: string, flow: FlowDocument, expectedVersion: number): Promise<FlowDocument> {
    return this.mutate((data, at) => {
      const current = own(data.flows, id);
      if (!current) throw notFound('flow', id);
      const version = nextVersion('flow', current, expectedVersion);
      const stored: StoredFlow = { ...toDocument(flow), id, version, updatedAt: at };
      return this.withFlow(data, stored, { at, action: 'update', flowId: id, version, changes: flowChanges(current, stored) });
    });
  }

  remove(id: string): Promise<void> {
    return this.mutate((data, at) => {
      const current = own(data.flows, id);
      if (!current) throw notFound('flow', id);
      const entry: AuditEntry = { at, action: 'delete', flowId: id, version: current.version };
      // The flow's conversation tests go in the same write: a flow is never gone with its tests left behind.
      const next = { ...data, flows: without(data.flows, id), versions: without(data.versions, id), conversationTests: without(data.conversationTests, id) };
      return { next: { ...next, audit: appendAudit(data.audit, entry) }, result: undefined };
    });
  }

  publish(id: string, draftVersion?: number, note?: string): Promise<PublishedVersion> {
    return this.mutate((data, at) => {
      const draft = own(data.flows, id);
      if (!draft) throw notFound('flow', id);
      if (draftVersion !== undefined && draft.version !== draftVersion)
        throw new AppError(409, 'draft_changed', `The draft changed (now version ${draft.version}) while version ${draftVersion} was being checked for publishing. Publish again.`);
      const previous = own(data.versions, id) ?? [];
      const snapshot: PublishedVersion = {
        flowId: id,
        publishedVersion: (previous.at(-1)?.publishedVersion ?? 0) + 1,
        draftVersion: draft.version,
        publishedAt: at,
        ...by(note),
        flow: toDocument(draft),
      };
      const entry: AuditEntry = { at, action: 'publish', flowId: id, version: draft.version, publishedVersion: snapshot.publishedVersion, ...(note ? { note } : {}) };
      const versions = { ...data.versions, [id]: [...previous, snapshot] };
      const next: DbData = { ...data, versions, audit: appendAudit(data.audit, entry) };
      return { next, result: structuredClone(snapshot) };
    });
  }

  rollback(id: string, from: number, note?: string): Promise<PublishedVersion> {
    return this.mutate((data, at) => {
      if (!own(data.flows, id)) throw notFound('flow', id);
      const previous = own(data.versions, id) ?? [];
      const source = previous.find((v) => v.publishedVersion === from);
      if (!source) throw notFound(`published version of "${id}"`, String(from));
      const snapshot: PublishedVersion = {
        flowId: id,
        publishedVersion: (previous.at(-1)?.publishedVersion ?? 0) + 1,
        // The draft revision it came from: a draft saved since then reads as changed since this version.
        draftVersion: source.draftVersion,
        publishedAt: at,
        rolledBackFrom: from,
        ...by(note),
        flow: structuredClone(source.flow),
      };
      const entry: AuditEntry = { at, action: 'rollback', flowId: id, version: source.draftVersion, publishedVersion: snapshot.publishedVersion, ...(note ? { note } : {}) };
      const versions = { ...data.versions, [id]: [...previous, snapshot] };
      return { next: { ...data, versions, audit: appendAudit(data.audit, entry) }, result: structuredClone(snapshot) };
    });
  }

  /** Oldest first. */
  versions(id: string): Array<Omit<PublishedVersion, 'flow'>> {
    return (own(this.db.data.versions, id) ?? []).map(({ flow: _flow, ...meta }) => ({ ...meta }));
  }

  version(id: string, publishedVersion: number): PublishedVersion | undefined {
    const found = own(this.db.data.versions, id)?.find((v) => v.publishedVersion === publishedVersion);
    return found && structuredClone(found);
  }

  isEmpty(): boolean {
    return Object.keys(this.db.data.flows).length === 0;
  }

  /** The latest published version, and the draft revision it was published from (a later draft has changed since). */
  private published(id: string): { publishedVersion: number | null; publishedFromDraft: number | null } {
    const latest = own(this.db.data.versions, id)?.at(-1);
    return { publishedVersion: latest?.publishedVersion ?? null, publishedFromDraft: latest?.draftVersion ?? null };
  }

  private withFlow(data: DbData, stored: StoredFlow, entry: AuditEntry) {
    const next: DbData = { ...data, flows: { ...data.flows, [stored.id]: stored }, audit: appendAudit(data.audit, entry) };
    return { next, result: structuredClone(stored) };
  }

  private mutate<R>(change: (data: DbData, at: string) => { next: DbData; result: R }): Promise<R> {
    return commitChange(this.db, this.now, change);
  }
}


