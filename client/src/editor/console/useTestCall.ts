import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallAction, CallStepView, HandoffPacket, HandoffReason, SayPurpose, TurnSignals } from '@baton/shared';
import { useEditorStore } from '../store/editorStore.ts';
import { TestCallSocket, type CallerTurn, type CallUpdate, type CallVersion, type Transfers } from './testCallApi.ts';

/** One line of the test call as the console shows it. */
export type ConsoleEntry =
  | { from: 'ai'; text: string; purpose: SayPurpose; nodeId: string }
  | { from: 'caller'; turn: CallerTurn; signals: TurnSignals | null; intent: { name: string; confidence: number } | null; handoff: HandoffReason | null }
  | { from: 'system'; text: string };

export interface TestCall {
  callId: string;
  version: CallVersion;
  transfers: Transfers;
  entries: ConsoleEntry[];
  status: CallStepView['state']['status'];
  nodeId: string;
  path: string[];
  /** Why the call went to a person, and what the agent gets. */
  handoff: HandoffReason | null;
  packet: HandoffPacket | null;
  /** What the person playing the caller did, in order (for saving the call as a conversation test). */
  turns: CallerTurn[];
  slots: Record<string, string | number | boolean>;
}

const describeAction = (action: CallAction): ConsoleEntry | null => {
  if (action.type === 'say') return { from: 'ai', text: action.text, purpose: action.purpose, nodeId: action.nodeId };
  if (action.type === 'transfer') {
    const queue = useEditorStore.getState().meta?.settings.queues.find((q) => q.id === action.queue)?.name ?? action.queue;
    return { from: 'system', text: `The call is transferred to the ${queue} queue.` };
  }
  if (action.type === 'hangup') return { from: 'system', text: 'The call has ended.' };
  if (action.type === 'callback') return { from: 'system', text: action.phone ? `A call back to ${action.phone} is booked; agents see it on the agent desk.` : 'A call back is promised, but no number was collected.' };
  return null;
};

const entriesOf = (actions: CallAction[]) => actions.map(describeAction).filter((e): e is ConsoleEntry => e !== null);
const packetOf = (actions: CallAction[]) => actions.find((a): a is Extract<CallAction, { type: 'transfer' }> => a.type === 'transfer')?.packet ?? null;

/** Shows where the test call is, and where it has been, on the canvas. */
function showTrail(call: TestCall | null) {
  useEditorStore.getState().setTrail(call ? { active: call.status === 'ended' ? null : call.nodeId, visited: new Set(call.path), path: call.path } : null);
}

/** A call on the flow played by the person at the console: start, say things, restart. */
export function useTestCall(flowId: string) {
  const [call, setCall] = useState<TestCall | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Said while the connection is being restored (a server restart): the call is not lost. */
  const [notice, setNotice] = useState<string | null>(null);
  const current = useRef<TestCall | null>(null);
  const update = (next: TestCall | null) => {
    current.current = next;
    setCall(next);
    showTrail(next);
  };
  // Leaving the console clears the trail from the canvas.
  useEffect(() => () => showTrail(null), []);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  // What the caller hears between their own turns (wait updates, "you're through", the agent's words) comes on the socket.
  const socket = useRef<TestCallSocket | null>(null);
  const hear = (pushed: CallUpdate) => {
    const before = current.current;
    if (!before) return;
    update({ ...before, entries: [...before.entries, ...entriesOf(pushed.actions)], status: pushed.state.status, nodeId: pushed.state.nodeId });
  };
  const openSocket = () => {
    socket.current?.close();
    const opened: TestCallSocket = new TestCallSocket(hear, {
      onReconnecting: () => {
        if (socket.current === opened) setNotice('The connection to the server dropped (it may be restarting). Reconnecting to the test call…');
      },
      onReconnected: (state) => {
        if (socket.current !== opened) return;
        setNotice(null);
        const before = current.current;
        if (before) update({ ...before, status: state.status, nodeId: state.nodeId ?? before.nodeId });
      },
      onLost: (why) => {
        if (socket.current !== opened) return;
        setNotice(null);
        if (current.current?.status !== 'ended') setError(why);
      },
    });
    socket.current = opened;
    return opened;
  };
  useEffect(() => () => socket.current?.close(), []);

  const start = useCallback(
    (version: CallVersion, transfers: Transfers) =>
      run(async () => {
        const view = await openSocket().start(flowId, version, transfers);
        update({
          callId: view.callId,
          version,
          transfers,
          entries: entriesOf(view.actions),
          status: view.state.status,
          nodeId: view.state.nodeId,
          path: view.path ?? [],
          handoff: view.handoff ?? null,
          packet: packetOf(view.actions),
          turns: [],
          slots: view.slots ?? {},
        });
      }),
    [flowId],
  );

  const send = useCallback(
    (turn: CallerTurn) =>
      run(async () => {
        const before = current.current;
        if (!before) return;
        if (!socket.current) return;
        const view = await socket.current.turn(turn);
        const said: ConsoleEntry = { from: 'caller', turn, signals: 'text' in turn ? (view.signals ?? null) : null, intent: 'text' in turn ? (view.intent ?? null) : null, handoff: view.handoff ?? null };
        update({
          ...before,
          entries: [...before.entries, said, ...entriesOf(view.actions)],
          status: view.state.status,
          nodeId: view.state.nodeId,
          path: view.path ?? before.path,
          handoff: view.handoff ?? before.handoff,
          packet: packetOf(view.actions) ?? before.packet,
          turns: [...before.turns, turn],
          slots: view.slots ?? before.slots,
        });
      }),
    [],
  );

  const reset = useCallback(() => {
    socket.current?.close();
    socket.current = null;
    update(null);
    setError(null);
    setNotice(null);
  }, []);

  return { call, busy, error, notice, start, send, reset };
}
