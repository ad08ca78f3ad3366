import type { CallEvent, DeskLine, SlotValue } from '@baton/shared';
import { AppError, notFound } from '../errors.ts';
import type { Store } from '../store/types.ts';
import type { LiveCall } from './LiveCall.ts';
import type { RoutingService, WrapUp } from './RoutingService.ts';
import { maskPersonalData } from '../privacy/maskPersonalData.ts';

/** What the desk's actions need of the call service: a call held for one event, stepped, kept. */
export interface CallsForDesk {
  /** Runs one event of the call (in shared mode with the call taken, so one instance acts on it at a time). */
  withCall<T>(callId: string, event: () => T | Promise<T>): T | Promise<T>;
  /** The call in progress; 409 once it ended, 404 when unknown. */
  live(callId: string): LiveCall;
  /** The call in progress, if it is. */
  current(callId: string): LiveCall | undefined;
  /** The call as this instance last held it, in progress or ended. */
  find(callId: string): LiveCall | undefined;
  ended(callId: string): LiveCall | undefined;
  /** Applies the event and sends what it says to the caller's channel. */
  step(callId: string, call: LiveCall, event: CallEvent): void;
  keep(callId: string, call: LiveCall): void;
}

/**
 * What an agent does to a call from the desk — talk, hang up, send it to another team, hand it back to the assistant,
 * save the wrap-up — and what the desk shows of it. Only the agent on the call may act on it (409 otherwise).
 */
export class DeskActions {
  constructor(
    private readonly calls: CallsForDesk,
    private readonly store: Store,
    private readonly routing: RoutingService | undefined,
    private readonly clock: () => Date,
    private readonly background: (done: unknown) => void,
  ) {}

  /** The agent who has the call says something; the caller's side gets it as a `say` action on the call's stream. */
  agentSays(callId: string, agentId: string, typed: string) {
    // What the agent types is kept and heard with card numbers and bank details masked, as the caller's words are.
    const text = maskPersonalData(typed);
    return this.calls.withCall(callId, () => {
      const call = this.agentsCall(callId, agentId);
      const at = this.clock().toISOString();
      this.calls.step(callId, call, { type: 'agent_message', at, text, agentId });
      this.background(this.routing!.notify({ type: 'agent_said', callId, agentId, text, at }));
      return { at };
    });
  }

  /**
   * The agent ends the call from the desk: the caller hears goodbye and the line is hung up (their channel gets a `say`
   * then a `hangup`). With a wrap-up it is saved at once and its disposition is the call's; else the agent saves it later.
   * The call's end is saved before routing frees the agent, so an instance that dies in between leaves a hang-up that
   * the desk sends again, not a caller left with nobody: the retry finds the call ended by this agent and frees them.
   */
  async agentHangsUp(callId: string, agentId: string, wrapUp?: WrapUp) {
    const endedAt = await this.calls.withCall(callId, () => this.hangUp(callId, agentId, wrapUp));
    return { callId, endedAt, ...(wrapUp ? { wrapUp: await this.routing!.wrapUp(agentId, callId, wrapUp) } : {}) };
  }

  /**
   * Ends the call for the agent and says when. A hang-up with its wrap-up sent again (its first try died with its
   * instance after ending the call) says when the call ended, so the wrap-up frees the agent.
   */
  private hangUp(callId: string, agentId: string, wrapUp?: WrapUp): string {
    const done = this.calls.ended(callId);
    if (wrapUp && done?.agentHungUpAt && done.session.agent?.id === agentId && this.routing?.hasCall(agentId, callId)) {
      this.calls.keep(callId, { ...done, session: { ...done.session, disposition: wrapUp.disposition } });
      return done.agentHungUpAt;
    }
    const call = this.agentsCall(callId, agentId);
    const at = this.clock().toISOString();
    this.calls.step(callId, { ...call, agentHungUpAt: at }, { type: 'agent_hangup', at, agentId, disposition: wrapUp?.disposition });
    return at;
  }

  /**
   * The agent sends the call on to another queue from the desk: the caller hears where to, and waits there; that queue's
   * agent is offered it with the briefing and this agent's note. This agent then saves the wrap-up. 409 when it is not
   * the agent's call (or no longer); 404 for a queue routing does not know; 422 for the queue the call is already in.
   */
  agentTransfers(callId: string, agentId: string, queueId: string, note: string) {
    return this.calls.withCall(callId, () => {
      const call = this.agentsCall(callId, agentId);
      const queue = this.store.queues.get(queueId);
      if (!queue) throw notFound('queue', queueId);
      if (call.session.handoff?.queue === queueId) throw new AppError(422, 'same_queue', `The call is already from ${queue.name}. Choose another queue, or hand the call back.`);
      const at = this.clock().toISOString();
      const agentName = this.routing?.agentName(agentId) ?? agentId;
      this.calls.step(callId, call, { type: 'agent_transfer', at, agentId, agentName, queueId, queueName: queue.name, note });
      return { callId, queueId, transferredAt: at };
    });
  }

  /**
   * The agent hands the call back to the assistant from the desk: the flow goes on where the transfer step's "after the
   * agent" output leads, with the agent's note ({{agent.note}}) and the values they set; the agent then saves the
   * wrap-up. 409 when it is not the agent's call (or no longer: handed back already, ended) or its flow has no way back.
   */
  agentHandsBack(callId: string, agentId: string, note: string, slots: Record<string, SlotValue> = {}) {
    return this.calls.withCall(callId, () => {
      const call = this.agentsCall(callId, agentId);
      if (!canHandBack(call))
        throw new AppError(409, 'no_way_back', 'This call cannot go back to the assistant: its transfer step has no "after the agent" output. Hang up instead, or ask an admin to connect that output in the flow.');
      const at = this.clock().toISOString();
      this.calls.step(callId, call, { type: 'agent_hand_back', at, agentId, note, slots });
      return { callId, handedBackAt: at };
    });
  }

  /**
   * The agent saves the wrap-up. A call still in progress ends with it (the caller hears goodbye), so no caller is left
   * talking to nobody; a call already ended takes the wrap-up's disposition.
   */
  async wrapUp(callId: string, agentId: string, wrapUp: WrapUp) {
    // The call's end is saved before routing frees the agent, as with a hang-up.
    const hungUp = await this.calls.withCall(callId, () => {
      const call = this.calls.current(callId);
      if (!call || !this.isWith(call, callId, agentId)) return false;
      this.hangUp(callId, agentId, wrapUp);
      return true;
    });
    if (hungUp) return this.routing!.wrapUp(agentId, callId, wrapUp);
    return this.calls.withCall(callId, async () => {
      const saved = await this.routing!.wrapUp(agentId, callId, wrapUp);
      const done = this.calls.ended(callId);
      if (done) this.calls.keep(callId, { ...done, session: { ...done.session, disposition: wrapUp.disposition } });
      return saved;
    });
  }

  /**
   * Whether the agent is on the call now: it is with an agent, that agent, and routing has it connected to them. An
   * agent who sent the call on to another queue still has it in routing until their wrap-up, but is not on it.
   */
  private isWith(call: LiveCall, callId: string, agentId: string): boolean {
    return call.session.status === 'agent' && call.session.agent?.id === agentId && (this.routing?.hasCall(agentId, callId) ?? false);
  }

  /** The call, if the agent has it connected and it is in progress; else a 409 that says why not. */
  private agentsCall(callId: string, agentId: string): LiveCall {
    const call = this.calls.live(callId);
    if (!this.isWith(call, callId, agentId)) {
      throw new AppError(409, 'not_your_call', 'You are not on this call: accept the offer first, or the call has moved on.');
    }
    return call;
  }

  /** For the agent's desk: what caller and agent said after the handoff (the briefing's transcript ends there), and when the caller or the agent hung up. */
  deskView(callId: string, agentId: string): { conversation: DeskLine[]; canHandBack: boolean; callerHungUpAt?: string; agentHungUpAt?: string; handedBackAt?: string; transferredAt?: string; transferredTo?: string } {
    const call = this.calls.find(callId);
    const packet = call?.session.handoff?.packet;
    if (!call || !packet) return { conversation: [], canHandBack: false };
    const session = call.session;
    const sentOn = packet.transferredBy;
    // This agent sent the call on to another queue: what was said before that is theirs, the rest is not.
    if (sentOn?.agentId === agentId && session.agent?.id !== agentId) {
      const since = session.handoff?.at ?? sentOn.at;
      const conversation = session.transcript.toArray().flatMap((t) => (t.from === 'ai' || t.at < since || t.at > sentOn.at ? [] : [{ from: t.from, text: t.text, at: t.at }]));
      return { conversation, canHandBack: false, transferredAt: sentOn.at, transferredTo: this.store.queues.get(session.handoff?.queue ?? '')?.name ?? session.handoff?.queue };
    }
    const handedBack = session.handoff?.handedBack;
    // Once handed back, what the caller says is the assistant's, not the agent's.
    const conversation = session.transcript
      .slice(packet.transcript.length)
      .flatMap((t) => (t.from === 'ai' || (handedBack && t.at > handedBack.at) ? [] : [{ from: t.from, text: t.text, at: t.at }]));
    if (handedBack) return { conversation, canHandBack: false, handedBackAt: handedBack.at };
    if (session.status !== 'ended' || !session.endedAt) return { conversation, canHandBack: this.isWith(call, callId, agentId) && canHandBack(call) };
    return call.agentHungUpAt ? { conversation, canHandBack: false, agentHungUpAt: call.agentHungUpAt } : { conversation, canHandBack: false, callerHungUpAt: session.endedAt };
  }
}

/** Whether the transfer step that routed the call has an "after the agent" output to go on from. */
function canHandBack(call: LiveCall): boolean {
  const transferId = call.session.handoff?.nodeId;
  return transferId !== undefined && (call.flow.steps.get(transferId)?.next.has('after_agent') ?? false);
}
