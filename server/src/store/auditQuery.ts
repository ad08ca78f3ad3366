import type { AuditAction, AuditEntry } from './DbData.ts';

/** Which audit entries to read: every filter optional; newest first, `limit` of them after skipping `offset`. */
export interface AuditQuery {
  /** Part of who acted (a sign-in name or `key "<name>"`), any case. */
  who?: string;
  action?: AuditAction;
  flowId?: string;
  /** ISO times, inclusive. */
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

/** A page of the trail and how many entries match in all. */
export interface AuditPage {
  entries: AuditEntry[];
  total: number;
}

/** Whether `entry` is one `query` asks for. */
export function matchesAudit(entry: AuditEntry, query: Omit<AuditQuery, 'limit' | 'offset'>): boolean {
  const who = query.who?.toLowerCase();
  return (
    (!who || (entry.who ?? 'baton').toLowerCase().includes(who)) &&
    (!query.action || entry.action === query.action) &&
    (!query.flowId || entry.flowId === query.flowId) &&
    (!query.from || entry.at >= query.from) &&
    (!query.to || entry.at <= query.to)
  );
}

/** The page `query` asks for from entries oldest first. */
export function auditPage(entries: readonly AuditEntry[], query: AuditQuery): AuditPage {
  const matching = entries.filter((e) => matchesAudit(e, query)).reverse();
  return { entries: matching.slice(query.offset, query.offset + query.limit), total: matching.length };
}
