import { useState } from 'react';
import { Button, Checkbox, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import type { ConversationTest, ScriptedTurn } from '@baton/shared';
import { ApiError } from '../../api/fetchJson.ts';
import { notify } from '../notify.ts';
import { categoryNames } from '../inspector/signalNames.ts';
import { createConversationTest } from '../tests/conversationTestsApi.ts';
import type { TestCall } from './useTestCall.ts';

/** The caller's turns a conversation test can replay (a transfer's outcome comes from the queue, not the caller; a test ends where its turns end). */
const scriptedTurns = (call: TestCall): ScriptedTurn[] => call.turns.filter((t): t is ScriptedTurn => !('transferOutcome' in t) && !('hangup' in t));

/** Saves the test call as a conversation test: the caller's turns and what happened, each expectation optional. */
export function SaveAsTestModal({ flowId, call, labelOf, onClose }: { flowId: string; call: TestCall | null; labelOf(nodeId: string): string; onClose(): void }) {
  const firstWords = call?.turns.find((t): t is { text: string } => 'text' in t)?.text ?? 'keypad and silence';
  const [name, setName] = useState(`Caller says "${firstWords.slice(0, 60)}"`);
  const [keep, setKeep] = useState({ path: true, handoff: true, heard: true, status: true });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!call) return null;
  const told = call.entries.filter((e) => e.from === 'ai' && e.purpose === 'transparency').map((e) => (e.from === 'ai' ? e.text : ''));
  const turns = scriptedTurns(call);

  async function save() {
    if (!call) return;
    const test: ConversationTest = {
      name: name.trim(),
      turns,
      expect: {
        ...(keep.path ? { path: call.path } : {}),
        ...(keep.handoff ? { handoff: call.handoff ? { category: call.handoff.category, signal: call.handoff.signal } : null } : {}),
        ...(keep.heard && told.length ? { heard: told.map((text) => ({ contains: text.slice(0, 80) })) } : {}),
        ...(keep.status ? { status: call.status } : {}),
      },
    };
    setSaving(true);
    setError(null);
    try {
      await createConversationTest(flowId, test);
      notify('green', 'Test saved', `"${test.name}" runs before every publish.`);
      onClose();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal opened onClose={onClose} title="Save this call as a test" size="lg" centered>
      <Stack>
        <Text size="sm">
          The test replays the caller's {turns.length} turn{turns.length === 1 ? '' : 's'} and checks that the flow still does what it did now. Publishing runs every test first.
        </Text>
        <TextInput label="Name of the test" value={name} onChange={(e) => setName(e.currentTarget.value)} error={name.trim() ? undefined : 'Give the test a name.'} />
        <Text size="sm" fw={600}>
          What must stay the same
        </Text>
        <Checkbox checked={keep.path} onChange={(e) => setKeep({ ...keep, path: e.currentTarget.checked })} label={`The call goes through: ${call.path.map(labelOf).join(' → ')}`} />
        <Checkbox
          checked={keep.handoff}
          onChange={(e) => setKeep({ ...keep, handoff: e.currentTarget.checked })}
          label={call.handoff ? `The call is handed to a person because: ${categoryNames[call.handoff.category]} (${call.handoff.signal.replaceAll('_', ' ')})` : 'The call is not handed to a person'}
        />
        {told.length > 0 && <Checkbox checked={keep.heard} onChange={(e) => setKeep({ ...keep, heard: e.currentTarget.checked })} label={`The caller is told: ${told.map((t) => `"${t}"`).join(' then ')}`} />}
        <Checkbox checked={keep.status} onChange={(e) => setKeep({ ...keep, status: e.currentTarget.checked })} label={`The call ends up ${statusWords[call.status]}`} />
        {error && (
          <Text c="red" size="sm" role="alert">
            Could not save the test: {error}.
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => void save()} loading={saving} disabled={!name.trim() || turns.length === 0}>
            Save the test
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

const statusWords: Record<TestCall['status'], string> = { ai: 'still talking to the AI', queued: 'waiting for a person', agent: 'with a person', ended: 'ended' };
