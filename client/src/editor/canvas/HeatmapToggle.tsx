import { useState } from 'react';
import { Panel } from '@xyflow/react';
import { Button, Text } from '@mantine/core';
import type { FlowStepFigures } from '@baton/shared';
import { fetchJson } from '../../api/fetchJson.ts';
import { useEditorStore } from '../store/editorStore.ts';

const DAYS = 30;

/**
 * "Real calls" over the canvas: each step shows how many of the last 30 days' calls passed it, went to a person
 * from it and hung up there, and each trigger how often it fired (from the call log, all versions of the flow).
 */
export function HeatmapToggle() {
  const flowId = useEditorStore((s) => s.meta?.id ?? '');
  const heatmap = useEditorStore((s) => s.heatmap);
  const [problem, setProblem] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  async function toggle() {
    if (heatmap) return useEditorStore.getState().setHeatmap(null);
    setLoading(true);
    setProblem(null);
    try {
      const from = new Date(Date.now() - DAYS * 86_400_000).toISOString();
      useEditorStore.getState().setHeatmap(await fetchJson<FlowStepFigures>(`/api/analytics/flows/${encodeURIComponent(flowId)}/steps?from=${encodeURIComponent(from)}`));
    } catch (error) {
      setProblem(`Real calls could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setLoading(false);
    }
  }

  return (
    <Panel position="top-left" className="heatmap-toggle">
      <Button size="xs" variant={heatmap ? 'filled' : 'default'} aria-pressed={heatmap !== null} loading={loading} onClick={() => void toggle()} title="Show on each step what real calls of the last 30 days did there">
        Real calls
      </Button>
      {heatmap && (
        <Text size="xs" className="heatmap-toggle__note" role="status">
          {heatmap.calls === 0 ? `No calls to this flow in the last ${DAYS} days.` : `${heatmap.calls} ${heatmap.calls === 1 ? 'call' : 'calls'} in the last ${DAYS} days`}
        </Text>
      )}
      {problem && (
        <Text size="xs" c="red" role="alert">
          {problem}
        </Text>
      )}
    </Panel>
  );
}
