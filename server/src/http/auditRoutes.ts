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
  offset: z.coerce.number().int().min(0).max(10_000_000).optional(),
});

/** The CSV has every matching entry up to this many (a spreadsheet's row limit is about a million). */
const CSV_ROWS = 1_000_000;

/** A day ("2026-12-06") from its first or to its last moment; a time as UTC, as the trail writes them. */
const instant = (value: string | undefined, end: boolean) => (value === undefined ? undefined : value.length === 10 ? `${value}T${end ? '23:59:59.999' : '00:00:00.000'}Z` : new Date(value).toISOString());

/** A CSV cell: quoted when needed, and never read as a formula by a spreadsheet. */
function cell(value: unknown): string {
  let text = value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const changesText = (e: AuditEntry) => (e.changes ?? []).map((c) => `${c.field}: ${c.before === undefined ? '' : JSON.stringify(c.before)} → ${c.after === undefined ? '' : JSON.stringify(c.after)}`).join('; ');

/**
 * The audit trail (admins), newest first, mounted at /api/audit.
 * GET /?who&action&flowId&from&to&limit&offset&format=csv -> { entries, total } (the page asked for, and how many match
 *   in all, from the whole trail) or a CSV file of every matching entry
 */
export function auditRoutes(audit: Pick<DbAuditLog, 'page'>): Router {
  const r = Router();
  r.get('/', async (req, res) => {
    const q = parseBody(querySchema, req.query);
    const filter = { who: q.who, action: q.action, flowId: q.flowId, from: instant(q.from, false), to: instant(q.to, true) };
    if (q.format === 'csv') {
      const { entries } = await audit.page({ ...filter, limit: CSV_ROWS, offset: 0 });
      const lines = ['at,who,action,flow,version,published version,about,changes,note', ...entries.map((e) => [e.at, e.who ?? 'Baton', e.action, e.flowId, e.version, e.publishedVersion, e.subject, changesText(e), e.note].map(cell).join(','))];
      res.type('text/csv').attachment('baton-audit.csv').send(`${lines.join('\r\n')}\r\n`);
      return;
    }
    res.json(await audit.page({ ...filter, limit: q.limit ?? 200, offset: q.offset ?? 0 }));
  });
  return r;
}
