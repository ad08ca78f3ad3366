import { randomUUID } from 'node:crypto';
import type { CallEvent, CallStepView, HandoffPacket } from '@baton/shared';
import { createSession, type CallSession } from '../engine/CallSession.ts';
import type { RuntimeFlow } from '../engine/RuntimeFlow.ts';
import { step, type StepResult } from '../engine/step.ts';
import { AppError, notFound } from '../errors.ts';
import type { Store } from '../store/types.ts';
import { parseBody, startCallSchema, turnSchema } from './callInputs.ts';
import type { RequestedVersion, RuntimeFlowCache } from './RuntimeFlowCache.ts';
import type { RoutingService } from './RoutingService.ts';

interface LiveCall {
  session: CallSession;
  flow: RuntimeFlow;
}

const MAX_CALLS_IN_MEMORY = 10_000;

/** Starts calls and feeds them turns: the HTTP API's adapter around the pure engine. */
export class CallService {
  private readonly calls = new Map<string, LiveCall>();

  constructor(
    private readonly store: Store,
    private readonly runtimes: RuntimeFlowCache,
    private readonly clock: () => Date = () => new Date(),
    /** Where transfers go; without it (tests of the engine's side) a transfer only changes the call's state. */
    private readonly routing?: RoutingService,
    /** Tells each queue's outside system (CRM, ticketing) about a handoff, if the queue has a webhook. */
    private readonly webhooks?: { deliver(queueId: string, packet: HandoffPacket): Promise<unknown> },
  ) {
    // An agent accepted: the flow takes its transfer node's `connected` port.
    routing?.subscribe((event) => {
      if (event.type === 'call_connected') this.transferOutcome(event.callId, 'connected');
    });
  }

  /** What became of a call's transfer, from routing; ignored once the call has left the queue. */
  transferOutcome(callId: string, outcome: 'connected' | 'no_agent' | 'failed') {
    const call = this.calls.get(callId);
    if (!call || call.session.status !== 'queued') return;
    this.apply(callId, call.flow, call.session, { type: 'transfer_outcome', at: this.clock().toISOString(), outcome });
  }

  /** `withSignals`: add the turn's signals and their evidence (for the test console; phone channels need not pay for them). */
  async start(body: unknown, withSignals = false) {
    const input = parseBody(startCallSchema, body);
    const flow = this.runtimeFor(input.flowId, input.version);
    const at = this.clock().toISOString();
    const callId = randomUUID();
    const session = createSession({ callId, flowId: input.flowId, flowVersion: flow.version, startNodeId: flow.compiled.startId, at });
    const result = this.apply(callId, flow, session, { type: 'start', at, caller: input.caller });
    return { callId, flow: { id: input.flowId, version: flow.version }, ...this.view(result, withSignals) };
  }

  async turn(callId: string, body: unknown, withSignals = false) {
    const call = this.calls.get(callId);
    if (!call) throw notFound('call in progress', callId);
    if (call.session.status === 'ended') throw new AppError(409, 'call_ended', 'This call has ended; start a new call to talk again.');
    const t = parseBody(turnSchema, body);
    const at = this.clock().toISOString();
    const event: CallEvent =
      t.text !== undefined
        ? { type: 'utterance', at, text: t.text, asrConfidence: t.asrConfidence, loudnessDb: t.loudnessDb }
        : t.dtmf !== undefined
          ? { type: 'dtmf', at, digits: t.dtmf }
          : t.transferOutcome !== undefined
            ? { type: 'transfer_outcome', at, outcome: t.transferOutcome }
            : { type: 'silence', at };
    // A channel that reports the transfer's outcome itself (the test console, an outside queue) takes the call out of
    // Baton's own routing, so no agent is offered a call that is already settled.
    if (event.type === 'transfer_outcome') this.routing?.leave(callId);
    return this.view(this.apply(callId, call.flow, call.session, event), withSignals);
  }

  async get(callId: string) {
    const live = this.calls.get(callId);
    const records = await this.store.calls.read(callId);
    if (!live && records.length === 0) throw notFound('call', callId);
    const events = records.map(({ callId: _id, ...rest }) => rest);
    if (live) {
      const s = live.session;
      return { callId, flow: { id: s.flowId, version: s.flowVersion }, state: { nodeId: s.nodeId, status: s.status }, caller: s.caller, transcript: s.transcript, slots: s.slots, handoff: s.handoff, disposition: s.disposition, startedAt: s.startedAt, endedAt: s.endedAt, events };
    }
    // After a restart the log is the record: replay what it says.
    const last = records[records.length - 1] as { state?: unknown; session?: Partial<CallSession> };
    const handoff = records.map((r) => r.handoff).findLast((h) => h) ?? null;
    return { callId, state: last.state ?? null, transcript: records.flatMap((r) => (r.said as unknown[]) ?? []), handoff, events };
  }

  private apply(callId: string, flow: RuntimeFlow, session: CallSession, event: CallEvent): StepResult {
    const result = step(flow, session, event);
    this.remember(callId, { session: result.session, flow });
    const said = result.session.transcript.slice(session.transcript.length);
    const s = result.session;
    this.store.calls.append(callId, {
      at: event.at,
      event,
      said,
      // What was said is in `said`; the other actions are enough to replay what happened.
      actions: result.actions.flatMap((a): Array<Record<string, string>> => (a.type === 'say' ? [] : a.type === 'transfer' ? [{ type: a.type, queue: a.queue, nodeId: a.nodeId }] : [a])),
      state: { nodeId: s.nodeId, status: s.status },
      ...(result.actions.some((a) => a.type === 'transfer') ? { handoff: s.handoff } : {}),
      ...(s.status === 'ended' ? { disposition: s.disposition, endedAt: s.endedAt } : {}),
    });
    // The call left the queue without an agent (the caller hung up, or the flow moved on): routing lets it go.
    if (session.status === 'queued' && s.status !== 'queued' && s.status !== 'agent') this.routing?.leave(callId);
    for (const a of result.actions) {
      // Sent in the background: a slow or failing receiver never holds up the call (the sender retries and logs).
      if (a.type === 'transfer') void this.webhooks?.deliver(a.queue, a.packet);
      // A queue routing does not know (e.g. staffing not set up) leaves the call queued, as before routing existed.
      if (a.type === 'transfer' && this.routing?.hasQueue(a.queue))
        this.routing.handOff(callId, a.queue, a.packet, { sensitive: a.packet.reason.signal === 'sensitive_topic' });
    }
    return result;
  }

  private view(result: StepResult, withSignals: boolean): Omit<CallStepView, 'callId' | 'flow'> {
    const s = result.session;
    const view = { actions: result.actions, state: { nodeId: s.nodeId, status: s.status }, handoff: result.handoff };
    // The test console also shows what was understood and the way the call went.
    return withSignals ? { ...view, signals: s.lastSignals, intent: s.lastIntent, path: s.path, slots: s.slots } : view;
  }

  private remember(callId: string, call: LiveCall) {
    this.calls.delete(callId);
    this.calls.set(callId, call);
    if (this.calls.size > MAX_CALLS_IN_MEMORY) this.calls.delete(this.calls.keys().next().value!);
  }

  /** Without a version, calls go to the published flow if there is one, else to the draft. */
  private runtimeFor(flowId: string, requested: RequestedVersion | undefined): RuntimeFlow {
    if (requested) return this.runtimes.runtimeFor(flowId, requested);
    const summary = this.store.flows.summary(flowId);
    if (!summary) throw notFound('flow', flowId);
    return this.runtimes.runtimeFor(flowId, summary.publishedVersion ? 'published' : 'draft');
  }
}
