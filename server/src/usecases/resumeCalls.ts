/** Restart recovery on one machine: the calls in progress when Baton stopped, read back from the data directory, go on. */
import type { Store } from '../store/types.ts';
import { foldSaved, type LiveCall } from './LiveCall.ts';

/** What resuming calls needs of the call service. */
export interface ResumingCalls {
  /** A saved call made whole again; throws when it cannot be (its flow version is gone). */
  read(saved: Record<string, unknown>): LiveCall;
  keep(callId: string, call: LiveCall): void;
  /** Whether routing still has the call connected to the agent (one machine keeps routing's state too). */
  withAgent(agentId: string, callId: string): boolean;
  /** A call resumed waiting in a queue joins it again (see CallHandoff.rejoin). */
  rejoin(callId: string, call: LiveCall): void;
}

/**
 * The calls a restart or a crash interrupted, as the data directory saved them: each goes on where it was. A call
 * waiting in a queue joins it again in its old place (by when it was handed over); a call an agent had goes back to
 * the front of its queue, since the agent's desk lost it with the server. A call whose flow version is gone ends, with
 * its reason in the call log. Returns how many went on and how many ended.
 */
export function resumeCalls(saved: Array<Array<Record<string, unknown>>>, calls: ResumingCalls, store: Store, at: string): { resumed: number; ended: number } {
  let resumed = 0;
  let ended = 0;
  for (const lines of saved) {
    let call: LiveCall;
    const record = foldSaved(lines);
    try {
      call = calls.read(record);
      if (!call.flow.compiled.nodes.has(call.session.nodeId)) throw new Error(`step "${call.session.nodeId}" is no longer in the flow`);
    } catch (error) {
      const callId = String((record.session as { callId?: unknown } | undefined)?.callId ?? '');
      if (!callId) continue;
      ended++;
      store.calls.append(callId, { at, state: { nodeId: null, status: 'ended' }, ended: { reason: 'not_resumed', explanation: `The call could not go on after a restart: ${(error as Error).message}.` } });
      store.liveCalls.changed(callId, () => null);
      continue;
    }
    const callId = call.session.callId;
    const agentId = call.session.agent?.id;
    if (call.session.status === 'agent' && agentId && calls.withAgent(agentId, callId)) {
      // Routing kept the call with its agent: the desk finds it again.
      store.calls.append(callId, { at, state: { nodeId: call.session.nodeId, status: 'agent' }, resumed: { explanation: 'The call went on after a restart, still with its agent.' } });
    } else if (call.session.status === 'agent') {
      call = { ...call, session: { ...call.session, status: 'queued', agent: null } };
      store.calls.append(callId, { at, state: { nodeId: call.session.nodeId, status: 'queued' }, resumed: { explanation: 'The agent\'s connection was lost in a restart: the call waits first in line for an agent again.' } });
    } else {
      store.calls.append(callId, { at, state: { nodeId: call.session.nodeId, status: call.session.status }, resumed: { explanation: 'The call went on after a restart.' } });
    }
    calls.keep(callId, call);
    resumed++;
    calls.rejoin(callId, call);
  }
  return { resumed, ended };
}
