import { fetchJson } from '../api/fetchJson.ts';

/** The phone numbers bound to a flow (`GET /api/numbers`), so deleting it can say which lines stop answering. */
export async function fetchNumbersOf(flowId: string, signal?: AbortSignal): Promise<string[]> {
  const bindings = await fetchJson<Array<{ number: string; flowId: string }>>('/api/numbers', signal);
  return bindings.filter((b) => b.flowId === flowId).map((b) => b.number);
}
