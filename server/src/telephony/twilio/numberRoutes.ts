import { Router } from 'express';
import type { NumberBindings } from './NumberBindings.ts';

/**
 * Phone numbers and the flows that answer them, mounted at /api/numbers. Numbers are E.164 (`+442071234567`; in a
 * URL the `+` may be written `%2B`).
 *
 * GET    /          [{ number, flowId, updatedAt }], by number
 * GET    /:number   one binding; 404 if the number has none
 * PUT    /:number   { flowId } -> 201 when new, 200 when replaced; 400 for a malformed number, 422 for an unknown flow
 * DELETE /:number   -> 204; 404 if the number has none
 */
export function numberRoutes(numbers: NumberBindings): Router {
  const r = Router();
  r.get('/', (_req, res) => {
    res.json(numbers.list());
  });
  r.get('/:number', (req, res) => {
    res.json(numbers.get(req.params.number));
  });
  r.put('/:number', async (req, res) => {
    const { binding, created } = await numbers.put(req.params.number, req.body);
    res.status(created ? 201 : 200).json(binding);
  });
  r.delete('/:number', async (req, res) => {
    await numbers.remove(req.params.number);
    res.status(204).end();
  });
  return r;
}
