import { Router } from 'express';
import type { StaffingService } from '../usecases/StaffingService.ts';
import { sendVersioned } from './sendVersioned.ts';

/**
 * Queues, agents and queue webhooks, mounted at /api. Bad input is 400/422 naming each field; nothing is stored then.
 * Each queue, agent and webhook carries `version`, which goes up by one on every save; reading one gives
 * ETag: "<version>", and replacing one needs If-Match: "<version>" (428 without it, 412 when someone else saved since).
 *
 * GET    /queues              every queue, by id
 * POST   /queues              body: queueSettingsSchema -> 201; 409 if the id is taken
 * GET    /queues/:id          one queue, ETag; 404 if unknown
 * PUT    /queues/:id          If-Match; replaces it -> 200; 404 if unknown
 * DELETE /queues/:id          -> 204, its webhook too; 404 if unknown
 * GET    /queues/:id/webhook  { url, enabled, allowPrivateNetwork, secretSet, version } (never the secret), ETag; 404 if none
 * PUT    /queues/:id/webhook  body: webhookSettingsSchema, `secret` optional once one is stored -> 200 with the view;
 *                             If-Match to replace one, none (or If-None-Match: *) to set the first
 * GET    /queues/:id/webhook/deliveries  the latest handoff deliveries (WebhookDelivery[]), newest first; 404 if the queue is unknown
 * GET    /routing/live        LiveFigures: every queue's waiting callers, longest wait, agents free and signed in,
 *                             estimated wait for a new caller and whether it is open; every agent's live status.
 *                             Someone who works on some flows sees those flows' queues, the agents there and their calls
 * GET    /agents, POST /agents, GET/PUT/DELETE /agents/:id  the same for agents (agentSettingsSchema)
 */
export function staffingRoutes(staffing: StaffingService): Router {
  const r = Router();
  r.get('/queues', (_req, res) => {
    res.json(staffing.listQueues());
  });
  r.post('/queues', async (req, res) => {
    const queue = await staffing.createQueue(req.body);
    sendVersioned(res.location(`/api/queues/${encodeURIComponent(queue.id)}`), queue, 201);
  });
  r.get('/queues/:id', (req, res) => {
    sendVersioned(res, staffing.getQueue(req.params.id));
  });
  r.put('/queues/:id', async (req, res) => {
    sendVersioned(res, await staffing.updateQueue(req.params.id, req.body, req.get('If-Match')));
  });
  r.delete('/queues/:id', async (req, res) => {
    await staffing.removeQueue(req.params.id);
    res.status(204).end();
  });
  r.get('/queues/:id/webhook', (req, res) => {
    sendVersioned(res, staffing.webhook(req.params.id));
  });
  r.put('/queues/:id/webhook', async (req, res) => {
    sendVersioned(res, await staffing.putWebhook(req.params.id, req.body, { ifMatch: req.get('If-Match'), ifNoneMatch: req.get('If-None-Match') }));
  });
  r.get('/queues/:id/webhook/deliveries', (req, res) => {
    res.json(staffing.webhookDeliveries(req.params.id));
  });
  r.get('/routing/live', (req, res) => {
    res.json(staffing.live(req.principal?.flowIds));
  });
  r.get('/agents', (_req, res) => {
    res.json(staffing.listAgents());
  });
  r.post('/agents', async (req, res) => {
    const agent = await staffing.createAgent(req.body);
    sendVersioned(res.location(`/api/agents/${encodeURIComponent(agent.id)}`), agent, 201);
  });
  r.get('/agents/:id', (req, res) => {
    sendVersioned(res, staffing.getAgent(req.params.id));
  });
  r.put('/agents/:id', async (req, res) => {
    sendVersioned(res, await staffing.updateAgent(req.params.id, req.body, req.get('If-Match')));
  });
  r.delete('/agents/:id', async (req, res) => {
    await staffing.removeAgent(req.params.id);
    res.status(204).end();
  });
  return r;
}
