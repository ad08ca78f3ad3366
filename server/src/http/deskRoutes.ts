import { Router, type Request } from 'express';
import { z } from 'zod';
import { handoffFeedbacks } from '@baton/shared';
import { parseBody } from '../usecases/callInputs.ts';
import type { DeskActions } from '../usecases/DeskActions.ts';
import type { RoutingService } from '../usecases/RoutingService.ts';
import { eventStream } from './eventStream.ts';
import { AppError } from '../errors.ts';

const statusSchema = z.object({ status: z.enum(['available', 'away', 'offline'], 'status must be one of available, away or offline') }).strict();

const wrapUpFields = z
  .object({
    disposition: z.enum(['resolved', 'follow_up', 'transferred'], 'disposition must be one of resolved, follow_up or transferred'),
    note: z.string().max(4000).default(''),
    hadToAskAgain: z.boolean('hadToAskAgain must be true or false'),
    handoffFeedback: z.enum(handoffFeedbacks, 'handoffFeedback must be one of needed, not_needed or sooner').optional(),
  })
  .strict();
const agentIdField = z.string().min(1, 'agentId must name the agent').max(80);

const wrapUpSchema = wrapUpFields.extend({ agentId: agentIdField }).strict();

const hangUpSchema = z.object({ agentId: agentIdField, wrapUp: wrapUpFields.optional() }).strict();

const handBackSchema = z
  .object({
    agentId: agentIdField,
    note: z.string().trim().max(2000, 'keep the note under 2,000 characters').default(''),
    /** Values the agent found out or corrected, by the flow's slot names. */
    slots: z
      .record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,59}$/, 'a value\'s name is a letter followed by letters, digits or _'), z.union([z.string().max(200), z.number(), z.boolean()]))
      .refine((slots) => Object.keys(slots).length <= 50, 'at most 50 values')
      .default({}),
  })
  .strict();

const transferSchema = z
  .object({
    agentId: agentIdField,
    queueId: z.string().min(1, 'queueId must name the queue to send the call to').max(80),
    note: z.string().trim().max(2000, 'keep the note under 2,000 characters').default(''),
  })
  .strict();

const messageSchema = z
  .object({
    agentId: z.string().min(1, 'agentId must name the agent').max(80),
    text: z.string().trim().min(1, 'write something to say to the caller').max(2000, 'keep a message under 2,000 characters'),
  })
  .strict();

const claimSchema = z.object({ agentId: z.string().min(1, 'agentId must name the agent').max(80) }).strict();

/**
 * The agent desk, mounted at /api/desk. Unknown agent or offer: 404; a bad body: 400 naming the field.
 *
 * POST /agents/:id/status        { status: available|away|offline } -> the agent's state
 * GET  /agents/:id/state         { agentId, name, status, statusReason?, capacity, offers: [{ offerId, callId, queueId, expiresAt, packet }],
 *                                  calls: [{ callId, queueId, connectedAt, packet, conversation, callerHungUpAt? }], callbacks } — what a
 *                                  reconnecting desk restores
 * GET  /agents/:id/events        server-sent events for this agent: offer_made (with `packet`), offer_expired,
 *                                offer_declined, offer_withdrawn, call_connected, call_finished, agent_status_changed (with
 *                                `reason: missed_offer` when an offer ran out and routing set the agent away),
 *                                caller_said, agent_said, caller_hung_up, callback_created, callback_claimed
 * POST /offers/:id/accept        -> { status: 'connected', callId, agentId, packet }; 409 once expired
 * POST /offers/:id/decline       -> { status: 'declined' }
 * POST /calls/:callId/messages   { agentId, text } -> 201 { at }: the caller hears it; 409 when it is not the agent's call
 * POST /calls/:callId/hang-up    { agentId, wrapUp? } -> { callId, endedAt, wrapUp? }: the caller hears goodbye and the call
 *                                ends; 409 when it is not the agent's call or has already ended
 * POST /calls/:callId/transfer   { agentId, queueId, note? } -> { callId, queueId, transferredAt }: the caller waits for that
 *                                queue, whose agent gets the briefing with the note; 409 when it is not the agent's call
 * POST /calls/:callId/hand-back  { agentId, note?, slots? } -> { callId, handedBackAt }: the flow goes on from the transfer
 *                                step's "after the agent" output with the note and values; 409 when it is not the agent's call,
 *                                it has ended or was handed back already, or the flow has no such output (nothing changes)
 * POST /calls/:callId/wrap-up    { agentId, disposition: resolved|follow_up|transferred, note, hadToAskAgain, handoffFeedback?: needed|not_needed|sooner } -> 201; a call
 *                                still in progress is hung up first
 * POST /callbacks/:id/claim      { agentId } -> the claimed request; 409 when someone claimed it first
 */
export function deskRoutes(routing: RoutingService, desk: DeskActions): Router {
  const r = Router();
  // A person with the agent role acts only as the agent they are linked to: their own status, offers and calls.
  const own = (req: Request, agentId: string | undefined) => {
    const who = req.principal;
    if (who?.role === 'agent' && who.agentId !== agentId) throw new AppError(403, 'not_your_desk', 'You can only act on your own desk, offers and calls.');
    return agentId!;
  };
  r.param('id', (req, _res, next, id: string) => {
    // Offers are an agent's through routing; agents by their id.
    if (req.path.startsWith('/offers/')) {
      // An offer no longer standing is answered by routing (404, or 409 once it ran out).
      const agentId = routing.offerAgent(id);
      if (agentId) own(req, agentId);
    }
    else if (req.path.startsWith('/agents/')) own(req, id);
    next();
  });
  r.use((req, _res, next) => {
    const body = req.body as { agentId?: unknown } | undefined;
    if (req.method === 'POST' && typeof body?.agentId === 'string') own(req, body.agentId);
    else if (req.method === 'POST' && req.principal?.role === 'agent' && !req.path.startsWith('/offers/') && !req.path.startsWith('/agents/')) own(req, undefined);
    next();
  });
  r.post('/agents/:id/status', async (req, res) => {
    const { status } = parseBody(statusSchema, req.body);
    res.json(await routing.setStatus(req.params.id, status));
  });
  r.get('/agents/:id/state', (req, res) => {
    const state = routing.agentState(req.params.id);
    res.json({ ...state, calls: state.calls.map((c) => ({ ...c, ...desk.deskView(c.callId, req.params.id) })) });
  });
  r.get('/agents/:id/events', (req, res) => {
    const agentId = req.params.id;
    routing.requireAgent(agentId);
    eventStream(res, (send) =>
      routing.subscribe((event) => {
        if (routing.concerns(event, agentId)) send(event.type, event);
      }),
    );
  });
  r.post('/offers/:id/accept', async (req, res) => {
    res.json(await routing.accept(req.params.id));
  });
  r.post('/offers/:id/decline', async (req, res) => {
    res.json(await routing.decline(req.params.id));
  });
  r.post('/calls/:callId/messages', async (req, res) => {
    const { agentId, text } = parseBody(messageSchema, req.body);
    res.status(201).json(await desk.agentSays(req.params.callId, agentId, text));
  });
  r.post('/callbacks/:id/claim', async (req, res) => {
    const { agentId } = parseBody(claimSchema, req.body);
    res.json(await routing.claimCallback(req.params.id, agentId));
  });
  r.post('/calls/:callId/wrap-up', async (req, res) => {
    const { agentId, ...wrapUp } = parseBody(wrapUpSchema, req.body);
    res.status(201).json(await desk.wrapUp(req.params.callId, agentId, wrapUp));
  });
  r.post('/calls/:callId/transfer', async (req, res) => {
    const { agentId, queueId, note } = parseBody(transferSchema, req.body);
    res.json(await desk.agentTransfers(req.params.callId, agentId, queueId, note));
  });
  r.post('/calls/:callId/hand-back', async (req, res) => {
    const { agentId, note, slots } = parseBody(handBackSchema, req.body);
    res.json(await desk.agentHandsBack(req.params.callId, agentId, note, slots));
  });
  r.post('/calls/:callId/hang-up', async (req, res) => {
    const { agentId, wrapUp } = parseBody(hangUpSchema, req.body);
    res.json(await desk.agentHangsUp(req.params.callId, agentId, wrapUp));
  });
  return r;
}
