import { Router } from 'express';
import { z } from 'zod';
import type { DbAuditLog } from '../store/audit.ts';
import type { AuditEntry } from '../store/DbData.ts';
import { auditActions } from '../store/DbData.ts';
import { parseBody } from '../usecases/callInputs.ts';

const querySchema = z.strictObject({
  who: z.string().max(80).optional(),
  action: z.enum(auditActions).optional(),
  flowId: z.string().max(80).optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  format: z.enum(['json', 'csv']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

/** A CSV cell: quoted when needed, and never read as a formula by a spreadsheet. */
function cell(value: unknown): string {
  let text = value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const changesText = (e: AuditEntry) => (e.changes ?? []).map((c) => `${c.field}: ${c.before === undefined ? '' : JSON.stringify(c.before)} → ${c.after === undefined ? '' : JSON.stringify(c.after)}`).join('; ');

/**
 * The audit trail (admins), newest first, mounted at /api/audit.
 * GET /?who&action&flowId&from&to&limit&format=csv -> { entries, total } or a CSV file of the same entries
 */
export function auditRoutes(audit: Pick<DbAuditLog, 'list'>): Router {
  const r = Router();
  r.get('/', (req, res) => {
    const q = parseBody(querySchema, req.query);
    const to = q.to && q.to.length === 10 ? `${q.to}T23:59:59.999Z` : q.to;
    const who = q.who?.toLowerCase();
    const entries = audit
      .list()
      .filter((e) => (!who || (e.who ?? 'baton').toLowerCase().includes(who)) && (!q.action || e.action === q.action) && (!q.flowId || e.flowId === q.flowId) && (!q.from || e.at >= q.from) && (!to || e.at <= to));
    if (q.format === 'csv') {
      const lines = ['at,who,action,flow,version,published version,about,changes,note', ...entries.map((e) => [e.at, e.who ?? 'Baton', e.action, e.flowId, e.version, e.publishedVersion, e.subject, changesText(e), e.note].map(cell).join(','))];
      res.type('text/csv').attachment('baton-audit.csv').send(`${lines.join('\r\n')}\r\n`);
      return;
    }
    res.json({ entries: entries.slice(0, q.limit ?? 200), total: entries.length });
  });
  return r;
}
