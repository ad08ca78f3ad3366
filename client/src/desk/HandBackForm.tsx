import { useState } from 'react';
import { Alert, Button, Group, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import type { SlotValue } from '@baton/shared';
import { handBack } from './deskApi.ts';

/** A value as the agent typed it, kept as a number or yes/no where the assistant had it so. */
function typedLike(original: SlotValue | undefined, typed: string): SlotValue {
  const text = typed.trim();
  if (typeof original === 'number' && text !== '' && Number.isFinite(Number(text))) return Number(text);
  if (typeof original === 'boolean' && /^(yes|true|no|false)$/i.test(text)) return /^(yes|true)$/i.test(text);
  return text;
}

/**
 * "Back to the assistant": the agent leaves a note and corrects or adds what the assistant collected, and the flow goes
 * on where its transfer step's "after the agent" output leads — the caller is not greeted as if the call were new.
 */
export function HandBackForm({ agentId, callId, slots, onHandedBack, onCancel }: { agentId: string; callId: string; slots: Record<string, SlotValue>; onHandedBack: () => void; onCancel: () => void }) {
  const [note, setNote] = useState('');
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(Object.entries(slots).map(([name, value]) => [name, String(value)])));
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const send = async () => {
    setSending(true);
    setError(null);
    try {
      const changed = Object.fromEntries(Object.entries(values).filter(([name, typed]) => typed.trim() !== String(slots[name] ?? '')).map(([name, typed]) => [name, typedLike(slots[name], typed)]));
      await handBack(callId, agentId, note.trim(), changed);
      onHandedBack();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setSending(false);
    }
  };

  return (
    <Paper withBorder p="md" radius="md" mb="sm" component="form" aria-label="Back to the assistant" onSubmit={(e) => {
      e.preventDefault();
      void send();
    }}>
      <Stack gap="sm">
        <Title order={3}>Hand the call back to the assistant</Title>
        <Text size="sm" c="dimmed">
          The assistant takes over where the flow says, without greeting the caller again. Tell the caller before you do.
        </Text>
        <Textarea label="Note for the assistant" description="Kept with the call. The assistant can read it to the caller where the flow is set up to." value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} maxLength={2000} data-autofocus />
        {Object.keys(values).length > 0 && (
          <Stack gap={6}>
            <Text size="sm" fw={500}>
              What the assistant collected (correct anything that changed)
            </Text>
            {Object.entries(values).map(([name, typed]) => (
              <TextInput key={name} label={name.replace(/_/g, ' ')} value={typed} maxLength={200} onChange={(e) => setValues({ ...values, [name]: e.currentTarget.value })} />
            ))}
          </Stack>
        )}
        {error && (
          <Alert color="red" title="Could not hand the call back">
            {error}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={sending}>
            Hand back
          </Button>
          <Button variant="subtle" onClick={onCancel} disabled={sending}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
