import { useEffect, useState } from 'react';
import { Panel } from '@xyflow/react';
import { Button, Text } from '@mantine/core';
import type { RealCallReading } from '@baton/shared';
import { fetchJson } from '../../api/fetchJson.ts';
import { useEditorStore } from '../store/editorStore.ts';

/**
 * A real call's way through the flow, when the editor is opened from a call of the Analytics page
 * (`/flows/:id?call=<callId>`): the steps it went through are marked on the canvas until "Hide" (or a test call).
 */
export function RealCallTrail() {
  const [callId, setCallId] = useState(() => new URLSearchParams(window.location.search).get('call'));
  const [shown, setShown] = useState<RealCallReading | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!callId) return;
    const controller = new AbortController();
    fetchJson<RealCallReading>(`/api/analytics/calls/${encodeURIComponent(callId)}`, controller.signal).then(
      (reading) => {
        setShown(reading);
        useEditorStore.getState().setTrail({ active: null, visited: new Set(reading.path), path: reading.path });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setProblem(`The call could not be shown: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
    return () => controller.abort();
  }, [callId]);

  function hide() {
    useEditorStore.getState().setTrail(null);
    setShown(null);
    setProblem(null);
    setCallId(null);
    const url = new URL(window.location.href);
    url.searchParams.delete('call');
    window.history.replaceState(window.history.state, '', url);
  }

  if (!callId || (!shown && !problem)) return null;
  return (
    <Panel position="bottom-center" className="real-call-trail" aria-label="A real call's way">
      <Text size="sm" role="status">
        {problem ??
          `The marked steps are the way a real call went (${shown!.flowVersion === 'draft' ? 'a test call on the draft' : `version ${shown!.flowVersion}`}, ${shown!.path.length} ${shown!.path.length === 1 ? 'step' : 'steps'}, ${shown!.turns.length} caller ${shown!.turns.length === 1 ? 'turn' : 'turns'}).`}
      </Text>
      <Button size="xs" variant="default" onClick={hide}>
        Hide
      </Button>
    </Panel>
  );
}
