import type { PublishedVersion } from './types.ts';
import { AUDIT_KEPT, type AuditEntry, type DbData } from './DbData.ts';
import { own, put } from './ownRecord.ts';

/** One stored record as PostgreSQL keeps it: `data` null once the record is removed. */
export interface StoreRow {
  collection: string;
  id: string;
  data: unknown;
}

/** Collections of records by id, a row each (a flow's conversation tests are one record: their order is theirs). */
const RECORDS = ['flows', 'conversationTests', 'personas', 'queues', 'agents', 'webhooks', 'callbacks', 'numbers', 'users', 'tokens', 'sessions', 'publishRequests'] as const;
type RecordCollection = (typeof RECORDS)[number];

/** A published version's row id: the flow's id and the version's number ("#" split at the last one: ids may hold "#"). */
const versionId = (flowId: string, publishedVersion: number) => `${flowId}#${publishedVersion}`;
const versionOfId = (id: string) => ({ flowId: id.slice(0, id.lastIndexOf('#')), publishedVersion: Number(id.slice(id.lastIndexOf('#') + 1)) });

/**
 * What a change made of the data, as rows to write: every record that differs between `before` and `after`, and the
 * audit entries added. Changes never mutate the data (they make new objects for what they change), so an unchanged
 * record is the same object on both sides and only what changed is written.
 */
export function changedRows(before: DbData, after: DbData): { rows: StoreRow[]; audit: AuditEntry[] } {
  const rows: StoreRow[] = [];
  for (const collection of RECORDS) {
    const was = before[collection] as Record<string, unknown>;
    const is = after[collection] as Record<string, unknown>;
    if (was === is) continue;
    for (const id of new Set([...Object.keys(was), ...Object.keys(is)])) {
      const value = own(is, id);
      if (value !== own(was, id)) rows.push({ collection, id, data: value ?? null });
    }
  }
  if (before.versions !== after.versions) {
    for (const flowId of new Set([...Object.keys(before.versions), ...Object.keys(after.versions)])) {
      const was = own(before.versions, flowId) ?? [];
      const is = own(after.versions, flowId) ?? [];
      if (was === is) continue;
      const old = new Set(was);
      for (const version of is) if (!old.has(version)) rows.push({ collection: 'versions', id: versionId(flowId, version.publishedVersion), data: version });
      const kept = new Set(is.map((v) => v.publishedVersion));
      for (const version of was) if (!kept.has(version.publishedVersion)) rows.push({ collection: 'versions', id: versionId(flowId, version.publishedVersion), data: null });
    }
  }
  return { rows, audit: addedAudit(before, after) };
}

/** The audit entries a change added (the trail is only appended to; memory drops the oldest). */
export function addedAudit(before: DbData, after: DbData): AuditEntry[] {
  if (before.audit === after.audit) return [];
  const logged = new Set(before.audit);
  return after.audit.filter((entry) => !logged.has(entry));
}

/** The data with rows written elsewhere (by other instances) applied, and their audit entries added. */
export function withRows(data: DbData, rows: StoreRow[], audit: AuditEntry[]): DbData {
  const next: DbData = { ...data };
  const copied = new Set<string>();
  const collection = <K extends RecordCollection | 'versions'>(name: K): DbData[K] => {
    if (!copied.has(name)) {
      copied.add(name);
      next[name] = { ...next[name] };
    }
    return next[name];
  };
  for (const row of rows) {
    if (row.collection === 'versions') {
      const { flowId, publishedVersion } = versionOfId(row.id);
      const versions = collection('versions');
      const others = (own(versions, flowId) ?? []).filter((v) => v.publishedVersion !== publishedVersion);
      const list = row.data === null ? others : [...others, row.data as PublishedVersion].sort((a, b) => a.publishedVersion - b.publishedVersion);
      if (list.length > 0) put(versions, flowId, list);
      else delete versions[flowId];
    } else if ((RECORDS as readonly string[]).includes(row.collection)) {
      const records = collection(row.collection as RecordCollection) as Record<string, unknown>;
      if (row.data === null) delete records[row.id];
      else put(records, row.id, row.data);
    }
    // A collection this Baton does not know (written by a newer one) is left alone.
  }
  if (audit.length > 0) next.audit = [...data.audit, ...audit].slice(-AUDIT_KEPT);
  return next;
}
