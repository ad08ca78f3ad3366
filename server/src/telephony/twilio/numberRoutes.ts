import type { DbAuditLog } from '../../store/audit.ts';
import { Router } from 'express';
import { sendVersioned } from '../../http/sendVersioned.ts';
import type { NumberBindings } from './NumberBindings.ts';

/**
 * Phone numbers and the flows that answer them, mounted at /api/numbers. Numbers are E.164 (`+442071234567`; in a
 * URL the `+` may be written `%2B`).
 *
 * GET    /          [{ number, flowId, updatedAt, version }], by number
 * GET    /:number   one binding, ETag: "<version>"; 404 if the number has none
 * PUT    /:number   { flowId } -> 201 when new, 200 when replaced; 400 for a malformed number, 422 for an unknown flow.
 *                   Replacing needs If-Match: "<version>" (428 without, 412 when someone else saved since)
 * DELETE /:number   -> 204; 404 if the number has none
 */
export function numberRoutes(numbers: NumberBindings, audit: Pick<DbAuditLog, 'add'>): Router {
  const r = Router();
  r.get('/', (_req, res) => {
    res.json(numbers.list());
  });
  r.get('/:number', (req, res) => {
    sendVersioned(res, numbers.get(req.params.number));
  });
  r.put('/:number', async (req, res) => {
    const before = numbers.list().find((b) => b.number === req.params.number.trim());
    const { binding, created } = await numbers.put(req.params.number, req.body, { ifMatch: req.get('If-Match'), ifNoneMatch: req.get('If-None-Match') });
    await audit.add({ action: 'number_changed', subject: binding.number, changes: [{ field: 'flow', before: before?.flowId, after: binding.flowId }] });
    sendVersioned(res, binding, created ? 201 : 200);
  });
  r.delete('/:number', async (req, res) => {
    await numbers.remove(req.params.number);
    await audit.add({ action: 'number_changed', subject: req.params.number, note: 'removed' });
    res.status(204).end();
  });
  return r;
}
