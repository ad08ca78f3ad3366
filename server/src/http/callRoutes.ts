import { Router } from 'express';
import type { CallService } from '../usecases/CallService.ts';

export function callRoutes(calls: CallService): Router {
  const r = Router();
  r.post('/', async (req, res) => {
    const call = await calls.start(req.body);
    res.status(201).location(`/api/calls/${call.callId}`).json(call);
  });
  r.post('/:id/turns', async (req, res) => {
    res.json(await calls.turn(req.params.id, req.body));
  });
  r.get('/:id', async (req, res) => {
    res.json(await calls.get(req.params.id));
  });
  return r;
}
