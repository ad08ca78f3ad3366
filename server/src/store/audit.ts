import { diffFlows, type FlowDocument } from '@baton/shared';
import { currentActor } from '../accounts/actor.ts';
import { AUDIT_KEPT, type AuditEntry } from './DbData.ts';
import type { StoreData } from './StoreData.ts';
import type { AuditPage, AuditQuery } from './auditQuery.ts';
import { commitChange } from './commitChange.ts';

const MAX_CHANGES = 50;
const MAX_VALUE = 200;

/** A value as the trail keeps it: short enough to read in a table. */
const kept = (value: unknown) => {
  if (value === undefined) return undefined;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}…` : value;
};

/**
 * The trail with `entry` added, stamped with who is acting (the request's person or key unless `who` names someone, as
 * at sign-in, before a request acts for anyone). The memory copy keeps the latest entries; `audit.jsonl` or PostgreSQL
 * keep them all.
 */
export function appendAudit(audit: AuditEntry[], entry: Omit<AuditEntry, 'who'>, who = currentActor()): AuditEntry[] {
  return [...audit, { ...entry, ...(who ? { who } : {}) }].slice(-AUDIT_KEPT);
}

/** A flow's changes as the trail keeps them: step (by name) and field, old → new. */
export function flowChanges(before: FlowDocument, after: FlowDocument): NonNullable<AuditEntry['changes']> {
  const diff = diffFlows(before, after);
  const changes: NonNullable<AuditEntry['changes']> = [
    ...diff.added.map((s) => ({ field: `step "${s.label}"`, after: 'added' })),
    ...diff.removed.map((s) => ({ field: `step "${s.label}"`, before: 'removed' })),
    ...diff.changed.flatMap((s) => s.fields.map((f) => ({ field: `"${s.label}" ${f.field}`, before: kept(f.before), after: kept(f.after) }))),
    ...diff.connectionsAdded.map((c) => ({ field: `connection ${c.source} (${c.port}) → ${c.target}`, after: 'added' })),
    ...diff.connectionsRemoved.map((c) => ({ field: `connection ${c.source} (${c.port}) → ${c.target}`, before: 'removed' })),
    ...diff.settings.map((f) => ({ field: f.field, before: kept(f.before), after: kept(f.after) })),
  ];
  return changes.slice(0, MAX_CHANGES);
}

/** Settings' changes (a queue, a webhook…) as the trail keeps them; `hidden` fields are named, never their values. */
export function recordChanges(before: object | undefined, after: object, hidden: readonly string[] = []): NonNullable<AuditEntry['changes']> {
  const was = (before ?? {}) as Record<string, unknown>;
  const is = after as Record<string, unknown>;
  const changes: NonNullable<AuditEntry['changes']> = [];
  for (const field of new Set([...Object.keys(was), ...Object.keys(is)])) {
    if (field === 'version' || field === 'updatedAt') continue;
    if (JSON.stringify(was[field]) === JSON.stringify(is[field])) continue;
    changes.push(hidden.includes(field) ? { field, after: '(changed; not shown)' } : { field, before: kept(was[field]), after: kept(is[field]) });
  }
  return changes.slice(0, MAX_CHANGES);
}

/** Entries that are not about a flow: sign-ins, people, keys, queues, webhooks, numbers. */
export class DbAuditLog {
  constructor(
    private readonly db: StoreData,
    private readonly now: () => Date = () => new Date(),
  ) {}

  add(entry: Omit<AuditEntry, 'at' | 'who'>, who?: string): Promise<void> {
    return commitChange(this.db, this.now, (data, at) => {
      return { next: { ...data, audit: appendAudit(data.audit, { at, ...entry }, who) }, result: undefined };
    });
  }

  /** The latest entries, newest first (memory keeps the latest; `page` reads them all). */
  list(): AuditEntry[] {
    return [...this.db.data.audit].reverse();
  }

  /** A page of the whole trail, newest first, and how many entries match. */
  page(query: AuditQuery): Promise<AuditPage> {
    return this.db.auditPage(query);
  }
}
