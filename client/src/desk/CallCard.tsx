import { useState } from 'react';
import { Alert, Button, Checkbox, Paper, Radio, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { BriefingCard } from '../briefing/BriefingCard.tsx';
import type { DeskLine, HandoffFeedback } from '@baton/shared';
import { hangUp, saveWrapUp, type DeskCall, type Disposition } from './deskApi.ts';
import { Conversation } from './Conversation.tsx';
import { HandBackForm } from './HandBackForm.tsx';
import { TransferForm } from './TransferForm.tsx';

const dispositions: { value: Disposition; label: string }[] = [
  { value: 'resolved', label: 'Resolved' },
  { value: 'follow_up', label: 'Needs follow-up' },
  { value: 'transferred', label: 'Transferred' },
];

/**
 * A call this agent is on: the briefing beside the live conversation, "Back to the assistant" (where the flow has a way
 * back) or "Hang up" to end the agent's part, and the wrap-up to save.
 * Saving the wrap-up while the caller is still on the line hangs up too, so no caller is left talking to nobody.
 */
export function CallCard({ agentId, call, onDone, onSent }: { agentId: string; call: DeskCall; onDone: () => void; onSent: (line: DeskLine) => void }) {
  const [disposition, setDisposition] = useState<Disposition | null>(null);
  const [note, setNote] = useState('');
  const [hadToAskAgain, setHadToAskAgain] = useState(false);
  const [handoffFeedback, setHandoffFeedback] = useState<HandoffFeedback | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [hangingUp, setHangingUp] = useState(false);
  const [hangUpError, setHangUpError] = useState<string | null>(null);
  const caller = call.packet.caller.name?.trim();
  const endedBy = call.transferredAt ? 'transferred' : call.handedBackAt ? 'handed_back' : call.agentHungUpAt ? 'agent' : call.callerHungUpAt ? 'caller' : null;
  const [handingBack, setHandingBack] = useState(false);
  const [transferring, setTransferring] = useState(false);

  const endCall = async () => {
    setHangingUp(true);
    setHangUpError(null);
    try {
      await hangUp(call.callId, agentId);
      onDone();
    } catch (e) {
      setHangUpError(e instanceof Error ? e.message : String(e));
    } finally {
      setHangingUp(false);
    }
  };

  const save = async () => {
    if (!disposition) return;
    setSaving(true);
    setError(null);
    try {
      await saveWrapUp(call.callId, { agentId, disposition, note: note.trim(), hadToAskAgain, ...(handoffFeedback ? { handoffFeedback } : {}) });
      onDone();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setSaving(false);
    }
  };

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label="On the call" className="agent-desk__call">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <div>
          <Title order={2}>{caller ? `On the call with ${caller}` : 'On the call'}</Title>
          <Text c="dimmed" mb="sm">
            Connected at {new Date(call.connectedAt).toLocaleTimeString()}. Queue: {call.queueName ?? call.queueId}.
          </Text>
        </div>
        {!endedBy && (
          <Group gap="xs">
            {call.canHandBack && (
              <Button variant="light" onClick={() => setHandingBack(true)} disabled={handingBack}>
                Back to the assistant
              </Button>
            )}
            <Button variant="light" onClick={() => setTransferring(true)} disabled={transferring}>
              Transfer
            </Button>
            <Button color="red" variant="light" onClick={() => void endCall()} loading={hangingUp}>
              Hang up
            </Button>
          </Group>
        )}
      </Group>
      {transferring && !endedBy && (
        <TransferForm
          agentId={agentId}
          callId={call.callId}
          fromQueue={call.queueId}
          onCancel={() => setTransferring(false)}
          onTransferred={() => {
            setTransferring(false);
            onDone();
          }}
        />
      )}
      {handingBack && !endedBy && (
        <HandBackForm
          agentId={agentId}
          callId={call.callId}
          slots={call.packet.slots}
          onCancel={() => setHandingBack(false)}
          onHandedBack={() => {
            setHandingBack(false);
            onDone();
          }}
        />
      )}
      {hangUpError && (
        <Alert color="red" title="Could not hang up" mb="sm">
          {hangUpError}. Try again.
        </Alert>
      )}
      <div className="agent-desk__call-body">
        <div className="agent-desk__briefing">
          <BriefingCard packet={call.packet} title="Briefing" />
        </div>
        <Conversation agentId={agentId} callId={call.callId} lines={call.conversation} endedBy={endedBy} transferredTo={call.transferredTo} onSent={onSent} />
      </div>
      <form
        aria-label="Wrap-up"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack mt="md" gap="sm">
          <Title order={3}>When the call ends</Title>
          <Radio.Group label="How did it end?" value={disposition} onChange={(v) => setDisposition(v as Disposition)} required>
            <Group mt={4}>
              {dispositions.map((d) => (
                <Radio key={d.value} value={d.value} label={d.label} />
              ))}
            </Group>
          </Radio.Group>
          <Textarea label="Note" description="Optional. What you did, or what still needs doing." value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} maxLength={4000} />
          <Checkbox label="I had to ask for something the AI already had" checked={hadToAskAgain} onChange={(e) => setHadToAskAgain(e.currentTarget.checked)} />
          <Radio.Group label="Did this call need a person?" description="Optional. Analysts use it to tune when calls are handed over." value={handoffFeedback} onChange={(v) => setHandoffFeedback(v as HandoffFeedback)}>
            <Group mt={4}>
              <Radio value="needed" label="Yes" />
              <Radio value="not_needed" label="No, the assistant could have finished it" />
              <Radio value="sooner" label="Yes, and it should have come sooner" />
            </Group>
          </Radio.Group>
          {error && (
            <Alert color="red" title="Could not save the wrap-up">
              {error}. Try again.
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={saving} disabled={!disposition}>
              {endedBy ? 'Save wrap-up' : 'Hang up and save wrap-up'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
