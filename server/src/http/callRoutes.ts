import { Router } from 'express';
import type { Request } from 'express';
import type { CallService } from '../usecases/CallService.ts';

/** `?signals=true` adds each turn's signals and evidence to the response. */
const wantsSignals = (req: Request) => req.query.signals === 'true';

export function callRoutes(calls: CallService): Router {
  const r = Router();
  r.post('/', async (req, res) => {
    const call = await calls.start(req.body, wantsSignals(req));
    res.status(201).location(`/api/calls/${call.callId}`).json(call);
  });
  r.post('/:id/turns', async (req, res) => {
    res.json(await calls.turn(req.params.id, req.body, wantsSignals(req)));
  });
  r.get('/:id', async (req, res) => {
    res.json(await calls.get(req.params.id));
  });
  return r;
}
