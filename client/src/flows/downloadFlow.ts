import type { FlowDraft } from '../api/fetchFlow.ts';

/** Saves a flow's JSON as a file ("<id>.json") through the browser's download. */
export function downloadFlow(flow: FlowDraft): void {
  const { id, name, description, version, nodes, edges, settings } = flow;
  const blob = new Blob([JSON.stringify({ id, name, description, version, nodes, edges, settings }, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `${id}.json`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
