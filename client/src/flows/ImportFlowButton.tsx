import { FileButton, Button } from '@mantine/core';
import type { FlowDocument } from '@baton/shared';
import { createFlowWithFreeId } from '../api/createFlowWithFreeId.ts';
import { ApiError } from '../api/fetchJson.ts';
import { flowPath } from '../matchRoute.ts';

/** Reads a flow JSON file (as exported), stores it as a new flow and opens it. */
export function ImportFlowButton({ onError }: { onError(message: string): void }) {
  async function importFile(file: File | null) {
    if (!file) return;
    try {
      let flow: FlowDocument;
      try {
        flow = JSON.parse(await file.text()) as FlowDocument;
      } catch {
        throw new Error('the file is not a flow file (it is not JSON)');
      }
      if (!flow || typeof flow !== 'object' || !Array.isArray(flow.nodes)) throw new Error('the file is not a flow file');
      const created = await createFlowWithFreeId(flow, { keepId: true });
      window.location.assign(flowPath(created.id));
    } catch (error) {
      const reasons = error instanceof ApiError && error.issues.length ? ` (${error.issues.map((i) => i.message).join(' ')})` : '';
      onError(`Could not import "${file.name}": ${error instanceof Error ? error.message : String(error)}${reasons}.`);
    }
  }
  return (
    <FileButton onChange={(file) => void importFile(file)} accept="application/json,.json">
      {(props) => (
        <Button variant="default" {...props}>
          Import a flow file
        </Button>
      )}
    </FileButton>
  );
}
