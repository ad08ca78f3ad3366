import { Router } from 'express';
import type { SimulationService } from '../usecases/SimulationService.ts';
import { sendVersioned } from './sendVersioned.ts';

/**
 * Simulated callers and what-if runs, mounted at /api.
 *
 * POST   /simulations                  body: simulationRequestSchema. Up to 2,000 calls: 200 with the finished
 *                                      run ({ id, status: "done", progress, report, comparison? }). More: 202
 *                                      { id, status: "running", progress } — it runs on worker threads; poll GET.
 * GET    /simulations/:id              status, progress { done, total }, and the report (and comparison) once done
 * DELETE /simulations/:id              cancels a running simulation -> the run, status "cancelled"; 409 if not running
 * GET    /simulations/:id/calls/:index one simulated call replayed: transcript, path, handoff, wait (and `baseline` for a what-if)
 * GET    /personas                     every persona, each with its `version`
 * GET    /personas/:id                 one persona; ETag: "<version>"; 404 if unknown
 * PUT    /personas/:id                 creates (201) or replaces (200) a persona; 422 naming each invalid field. Replacing
 *                                      needs If-Match: "<version>" (428 without, 412 when someone else saved since)
 */
export function simulationRoutes(simulations: SimulationService): Router {
  const r = Router();
  r.post('/simulations', async (req, res) => {
    const { run, finished } = await simulations.start(req.body);
    res.status(finished ? 200 : 202).location(`/api/simulations/${run.id}`).json(run);
  });
  r.get('/simulations/:id', (req, res) => {
    res.json(simulations.get(req.params.id));
  });
  r.delete('/simulations/:id', (req, res) => {
    res.json(simulations.cancel(req.params.id));
  });
  r.get('/simulations/:id/calls/:index', (req, res) => {
    res.json(simulations.call(req.params.id, req.params.index));
  });
  r.get('/personas', (_req, res) => {
    res.json(simulations.listPersonas());
  });
  r.get('/personas/:id', (req, res) => {
    sendVersioned(res, simulations.getPersona(req.params.id));
  });
  r.put('/personas/:id', async (req, res) => {
    const { persona, created } = await simulations.putPersona(req.params.id, req.body, { ifMatch: req.get('If-Match'), ifNoneMatch: req.get('If-None-Match') });
    sendVersioned(res, persona, created ? 201 : 200);
  });
  return r;
}
