import { useEffect, useRef, useState } from 'react';
import type { SimulationRequest, SimulationRun } from '@baton/shared';
import { ApiError } from '../api/fetchJson.ts';
import { cancelSimulation, fetchSimulation, startSimulation } from './simulationApi.ts';
import { runErrorMessage } from './runErrorMessage.ts';

/** How often a large run's progress is asked for. */
const POLL_MS = 500;

export type RunState =
  | { status: 'idle' }
  | { status: 'starting' }
  | { status: 'running'; run: SimulationRun }
  | { status: 'done'; run: SimulationRun }
  | { status: 'cancelled' }
  | { status: 'error'; message: string; issues: string[] };

/** Starts a simulation, polls a large one until it finishes, and cancels it on request or when the page goes away. */
export function useSimulationRun() {
  const [state, setState] = useState<RunState>({ status: 'idle' });
  const current = useRef<{ id: string | null; stopped: boolean }>({ id: null, stopped: true });

  useEffect(() => () => stopPolling(), []);

  function stopPolling() {
    current.current.stopped = true;
  }

  function fail(error: unknown) {
    const issues = error instanceof ApiError ? error.issues.map((i) => i.message) : [];
    setState({ status: 'error', message: runErrorMessage(error), issues });
  }

  async function poll(id: string, token: { stopped: boolean }) {
    while (!token.stopped) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      if (token.stopped) return;
      let run: SimulationRun;
      try {
        run = await fetchSimulation(id);
      } catch (error) {
        if (!token.stopped) fail(error);
        return;
      }
      if (token.stopped) return;
      if (run.status === 'running') setState({ status: 'running', run });
      else if (run.status === 'done') setState({ status: 'done', run });
      else if (run.status === 'cancelled') setState({ status: 'cancelled' });
      else setState({ status: 'error', message: `The simulation stopped with an error: ${run.error ?? 'no reason given'}. Try again; if it keeps failing, try fewer calls.`, issues: [] });
      if (run.status !== 'running') return;
    }
  }

  async function start(request: SimulationRequest) {
    stopPolling();
    const token = { id: null as string | null, stopped: false };
    current.current = token;
    setState({ status: 'starting' });
    try {
      const run = await startSimulation(request);
      if (token.stopped) return;
      token.id = run.id;
      if (run.status === 'done') setState({ status: 'done', run });
      else {
        setState({ status: 'running', run });
        void poll(run.id, token);
      }
    } catch (error) {
      if (!token.stopped) fail(error);
    }
  }

  async function cancel() {
    const { id } = current.current;
    stopPolling();
    setState({ status: 'cancelled' });
    if (id) await cancelSimulation(id).catch(() => undefined); // it may have just finished: nothing to undo
  }

  return { state, start, cancel };
}
