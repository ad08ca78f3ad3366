import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallAction, CallStepView, HandoffPacket, HandoffReason, SayPurpose, TurnSignals } from '@baton/shared';
import { ApiError } from '../../api/fetchJson.ts';
import { useEditorStore } from '../store/editorStore.ts';
import { sendTurn, startTestCall, type CallerTurn, type CallVersion } from './testCallApi.ts';

/** One line of the test call as the console shows it. */
export type ConsoleEntry =
  | { from: 'ai'; text: string; purpose: SayPurpose; nodeId: string }
  | { from: 'caller'; turn: CallerTurn; signals: TurnSignals | null; intent: { name: string; confidence: number } | null; handoff: HandoffReason | null }
  | { from: 'system'; text: string };

export interface TestCall {
  callId: string;
  version: CallVersion;
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
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const start = useCallback(
    (version: CallVersion) =>
      run(async () => {
        const view = await startTestCall(flowId, version);
        update({
          callId: view.callId,
          version,
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
        const view = await sendTurn(before.callId, turn);
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
    update(null);
    setError(null);
  }, []);

  return { call, busy, error, start, send, reset };
}
