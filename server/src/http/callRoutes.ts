import { checkTheirFlow } from '../accounts/flowScope.ts';
import { Router } from 'express';
import type { Request, RequestHandler } from 'express';
import type { CallService } from '../usecases/CallService.ts';
import { eventStream } from './eventStream.ts';

/** `?signals=true` adds each turn's signals and evidence to the response. */
const wantsSignals = (req: Request) => req.query.signals === 'true';

/**
 * Calls, mounted at /api/calls.
 *
 * POST /                { flowId, version?, caller? } -> 201 { callId, actions, state }
 * POST /:id/turns       (turnHandler, which createApp mounts ahead of every router)
 *                       { text, asrConfidence?, loudnessDb?, voice? } | { dtmf } | { silence: true } | { hangup: true }
 *                       | { transferOutcome } -> { actions, state, handoff? }; an `Idempotency-Key` header (or a
 *                       `turnId` in the body) makes a retry of the turn get the first answer instead of a second step
 * GET  /:id             transcript, events, state, handoff, agent
 * GET  /:id/events      server-sent events `update` { actions, state }: what the caller hears between their own turns
 *                       (wait updates, the call-back offer, "you're through", the agent's words); 404 once the call is gone
 */
/** POST /api/calls/:id/turns. Most turns step at once: answered in the same tick, without awaiting a promise (see CallService.turnNow). */
export function turnHandler(calls: CallService): RequestHandler<{ id: string }> {
  return (req, res) => {
    // Someone limited to some flows steps only their calls (looked up only for them: the turn route is the busiest).
    if (req.principal?.flowIds?.length)
      return theirLiveCall(req, calls, req.params.id)
        .then(() => calls.turnNow(req.params.id, req.body, wantsSignals(req), req.get('idempotency-key')))
        .then((v) => void res.json(v));
    const view = calls.turnNow(req.params.id, req.body, wantsSignals(req), req.get('idempotency-key'));
    if (view instanceof Promise) return view.then((v) => void res.json(v));
    res.json(view);
  };
}

/** 403 when the call in progress runs a flow the one asking does not work on (404/409 as `current` says). */
async function theirLiveCall(req: Request, calls: CallService, callId: string): Promise<void> {
  checkTheirFlow(req, (await calls.current(callId)).flow.id);
}

export function callRoutes(calls: CallService): Router {
  const r = Router();
  r.post('/', async (req, res) => {
    const call = await calls.start(req.body, wantsSignals(req));
    res.status(201).location(`/api/calls/${call.callId}`).json(call);
  });
  r.get('/:id/events', async (req, res) => {
    const callId = req.params.id;
    if (req.principal?.flowIds?.length) await theirLiveCall(req, calls, callId);
    // Subscribing first: an unknown call is a 404 before the stream starts.
    let send: ((type: string, data: unknown) => void) | undefined;
    const unsubscribe = await calls.subscribe(callId, (update) => send?.('update', update));
    if (req.socket.destroyed) return unsubscribe();
    eventStream(res, (write) => {
      send = write;
      return unsubscribe;
    });
  });
  r.get('/:id', async (req, res) => {
    const call = await calls.get(req.params.id);
    const logged = (call.events as Array<{ flowId?: unknown }>).find((e) => typeof e.flowId === 'string')?.flowId as string | undefined;
    checkTheirFlow(req, ('flow' in call ? call.flow?.id : undefined) ?? logged);
    res.json(call);
  });
  return r;
}
