import { useEffect, useRef, useState } from 'react';
import { Alert, Badge, Button, Group, SegmentedControl, Stack, Switch, Text } from '@mantine/core';
import { nodeLabel } from '../../nodeLabel.ts';
import { documentNodes } from '../store/documentNodes.ts';
import { useEditorStore } from '../store/editorStore.ts';
import { CallerControls } from './CallerControls.tsx';
import { BriefingCard } from '../../briefing/BriefingCard.tsx';
import { SaveAsTestModal } from './SaveAsTestModal.tsx';
import { TurnNotes } from './TurnNotes.tsx';
import type { CallVersion } from './testCallApi.ts';
import { useTestCall, type ConsoleEntry } from './useTestCall.ts';

const turnWords = (entry: Extract<ConsoleEntry, { from: 'caller' }>) => {
  const t = entry.turn;
  if ('text' in t) return t.text;
  if ('dtmf' in t) return `(presses ${t.dtmf})`;
  if ('silence' in t) return '(says nothing)';
  if ('hangup' in t) return '(hangs up)';
  return { connected: '(an agent answers)', no_agent: '(no agent is free)', declined: '(the agent declines)', no_answer: '(nobody answers)', busy: '(the line is busy)', failed: '(the transfer fails)' }[t.transferOutcome];
};

interface TestConsoleProps {
  flowId: string;
  /** Saves unsaved changes so the call runs on what is on the canvas; false when they could not be saved. */
  saveFirst(): Promise<boolean>;
}

/** Play the caller against the flow: hear its replies, see what it noticed on every turn and, on a handoff, the agent's briefing. */
export function TestConsole({ flowId, saveFirst }: TestConsoleProps) {
  const { call, busy, error, notice, start, send, reset } = useTestCall(flowId);
  const [version, setVersion] = useState<CallVersion>('draft');
  const [toAgents, setToAgents] = useState(false);
  const [saving, setSaving] = useState(false);
  const published = useEditorStore((s) => s.publishedVersion !== null);
  const nodes = useEditorStore(documentNodes);
  const labelOf = (id: string) => {
    const node = nodes.find((n) => n.id === id);
    return node ? nodeLabel(node) : id;
  };
  const end = useRef<HTMLDivElement>(null);
  // A block, not an arrow's value: newer browsers return a promise from scrollIntoView, which React would take for a cleanup.
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'nearest' });
  }, [call?.entries.length]);

  async function begin() {
    if (version === 'draft' && useEditorStore.getState().dirty && !(await saveFirst())) return;
    await start(version, toAgents ? 'routing' : 'manual');
  }

  return (
    <section className="console" aria-labelledby="console-title">
      <h2 id="console-title" className="editor-panel__title">
        Try the flow
      </h2>
      <p className="inspector__description">Play the caller. You hear what callers would hear, and see what Baton noticed on each turn and why it handed over.</p>
      {!call ? (
        <Stack gap="xs">
          <SegmentedControl
            size="xs"
            value={version}
            onChange={(v) => setVersion(v as CallVersion)}
            data={[
              { value: 'draft', label: 'This draft' },
              { value: 'published', label: 'Published version', disabled: !published },
            ]}
            aria-label="Which version to call"
          />
          <Switch
            size="sm"
            checked={toAgents}
            onChange={(e) => setToAgents(e.currentTarget.checked)}
            label="Hand over to real agents"
            description={toAgents ? 'A handoff goes to the queue: agents signed in on the agent desk are offered the call.' : 'You choose what happens when the call reaches a queue.'}
          />
          <Button onClick={() => void begin()} loading={busy}>
            Start a test call
          </Button>
        </Stack>
      ) : (
        <Group gap="xs">
          <Badge variant="light" color={call.status === 'ended' ? 'gray' : call.status === 'ai' ? 'green' : 'pink'}>
            {{ ai: 'Talking to the AI', queued: 'Waiting for a person', agent: 'With a person', ended: 'Call ended' }[call.status]}
          </Badge>
          <Button size="compact-sm" variant="light" onClick={reset}>
            Restart
          </Button>
          <Button size="compact-sm" variant="light" onClick={() => setSaving(true)} disabled={call.turns.length === 0}>
            Save as a test
          </Button>
          {call.status !== 'ended' && (
            <Button size="compact-sm" variant="subtle" color="red" onClick={() => void send({ hangup: true })} disabled={busy}>
              Hang up
            </Button>
          )}
        </Group>
      )}
      {notice && (
        <Alert color="yellow" mt="xs" role="status" title="Reconnecting">
          {notice}
        </Alert>
      )}
      {error && (
        <Alert color="red" mt="xs" title="The test call did not go through">
          {error}.
        </Alert>
      )}
      {call && (
        <ol className="console-transcript" aria-label="The test call so far">
          {call.entries.map((entry, i) => (
            <li key={i} className={`console-line console-line--${entry.from}${entry.from === 'ai' ? ` console-line--${entry.purpose}` : ''}`}>
              {entry.from === 'ai' && (
                <>
                  {entry.purpose === 'transparency' && <span className="console-line__tag">Told about the handoff</span>}
                  {entry.purpose === 'agent' && <span className="console-line__tag">Agent</span>}
                  <span className="console-line__text">{entry.text}</span>
                </>
              )}
              {entry.from === 'caller' && (
                <>
                  <span className="console-line__text">{turnWords(entry)}</span>
                  <TurnNotes signals={entry.signals} intent={entry.intent} handoff={entry.handoff} />
                </>
              )}
              {entry.from === 'system' && <span className="console-line__text">{entry.text}</span>}
            </li>
          ))}
          <div ref={end} />
        </ol>
      )}
      {call?.packet && <BriefingCard packet={call.packet} />}
      {call?.transfers === 'routing' && call.status === 'queued' && (
        <Text size="sm" c="dimmed" mt="xs" role="status">
          Waiting for an agent on the agent desk to take the call. You can still speak, e.g. to accept a call back.
        </Text>
      )}
      {call?.transfers === 'manual' && call.status === 'queued' && (
        <Stack gap={4} mt="xs">
          <Text size="sm" fw={600}>
            What happens at the queue?
          </Text>
          <Group gap="xs">
            <Button size="compact-sm" variant="light" onClick={() => void send({ transferOutcome: 'connected' })}>
              An agent answers
            </Button>
            <Button size="compact-sm" variant="light" onClick={() => void send({ transferOutcome: 'no_agent' })}>
              No agent is free
            </Button>
            <Button size="compact-sm" variant="light" onClick={() => void send({ transferOutcome: 'declined' })}>
              The agent declines
            </Button>
            <Button size="compact-sm" variant="light" onClick={() => void send({ transferOutcome: 'failed' })}>
              The transfer fails
            </Button>
          </Group>
        </Stack>
      )}
      {(call?.status === 'ai' || (call?.transfers === 'routing' && (call.status === 'queued' || call.status === 'agent'))) && (
        <CallerControls nodeId={call.nodeId} busy={busy} onTurn={(turn) => void send(turn)} />
      )}
      {saving && <SaveAsTestModal flowId={flowId} call={call} labelOf={labelOf} onClose={() => setSaving(false)} />}
    </section>
  );
}
