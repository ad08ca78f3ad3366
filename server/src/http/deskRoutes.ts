import { Router } from 'express';
import { z } from 'zod';
import { parseBody } from '../usecases/callInputs.ts';
import type { DeskEvent, RoutingService } from '../usecases/RoutingService.ts';

const statusSchema = z.object({ status: z.enum(['available', 'away', 'offline'], 'status must be one of available, away or offline') }).strict();

const wrapUpSchema = z
  .object({
    agentId: z.string().min(1, 'agentId must name the agent').max(80),
    disposition: z.enum(['resolved', 'follow_up', 'transferred'], 'disposition must be one of resolved, follow_up or transferred'),
    note: z.string().max(4000).default(''),
    hadToAskAgain: z.boolean('hadToAskAgain must be true or false'),
  })
  .strict();

/** A comment line every 15 s keeps proxies from closing a quiet stream and lets the page notice a dead one. */
const HEARTBEAT_MS = 15_000;

/** The agent an event concerns; events about no one agent (a caller leaving the queue) go to no desk. */
const agentOf = (event: DeskEvent) => ('agentId' in event ? event.agentId : undefined);

/**
 * The agent desk, mounted at /api/desk. Unknown agent or offer: 404; a bad body: 400 naming the field.
 *
 * POST /agents/:id/status        { status: available|away|offline } -> the agent's state
 * GET  /agents/:id/state         { agentId, name, status, capacity, offers: [{ offerId, callId, queueId, expiresAt, packet }],
 *                                  calls: [{ callId, queueId, connectedAt, packet }] } — what a reconnecting desk restores
 * GET  /agents/:id/events        server-sent events for this agent: offer_made (with `packet`), offer_expired,
 *                                offer_declined, offer_withdrawn, call_connected, call_finished, agent_status_changed
 * POST /offers/:id/accept        -> { status: 'connected', callId, agentId, packet }; 409 once expired
 * POST /offers/:id/decline       -> { status: 'declined' }
 * POST /calls/:callId/wrap-up    { agentId, disposition: resolved|follow_up|transferred, note, hadToAskAgain } -> 201
 */
export function deskRoutes(routing: RoutingService): Router {
  const r = Router();
  r.post('/agents/:id/status', (req, res) => {
    const { status } = parseBody(statusSchema, req.body);
    res.json(routing.setStatus(req.params.id, status));
  });
  r.get('/agents/:id/state', (req, res) => {
    res.json(routing.agentState(req.params.id));
  });
  r.get('/agents/:id/events', (req, res) => {
    const agentId = req.params.id;
    routing.requireAgent(agentId);
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive' });
    res.write(': connected\n\n');
    const unsubscribe = routing.subscribe((event) => {
      if (agentOf(event) === agentId) res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS).unref();
    res.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  });
  r.post('/offers/:id/accept', (req, res) => {
    res.json(routing.accept(req.params.id));
  });
  r.post('/offers/:id/decline', (req, res) => {
    res.json(routing.decline(req.params.id));
  });
  r.post('/calls/:callId/wrap-up', (req, res) => {
    const { agentId, ...wrapUp } = parseBody(wrapUpSchema, req.body);
    res.status(201).json(routing.wrapUp(agentId, req.params.callId, wrapUp));
  });
  return r;
}
