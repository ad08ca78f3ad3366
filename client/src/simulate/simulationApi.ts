import type { SimulatedCall, SimulationRequest, SimulationRun } from '@baton/shared';
import { fetchJson, sendJson } from '../api/fetchJson.ts';

/** Starts a run: finished at once (200) for small runs, `status: "running"` (202) for large ones. */
export const startSimulation = (request: SimulationRequest) => sendJson<SimulationRun>('/api/simulations', 'POST', request);

export const fetchSimulation = (id: string, signal?: AbortSignal) => fetchJson<SimulationRun>(`/api/simulations/${encodeURIComponent(id)}`, signal);

export const cancelSimulation = (id: string) => sendJson<SimulationRun>(`/api/simulations/${encodeURIComponent(id)}`, 'DELETE');

/** One simulated call replayed; for a what-if, `baseline` is the same caller on the "before" version. */
export const fetchSimulatedCall = (id: string, index: number, signal?: AbortSignal) =>
  fetchJson<{ call: SimulatedCall; baseline?: SimulatedCall }>(`/api/simulations/${encodeURIComponent(id)}/calls/${index}`, signal);
