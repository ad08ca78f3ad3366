import { useState } from 'react';
import { Stack, Text, Textarea, TextInput } from '@mantine/core';
import type { SlotValue } from '@baton/shared';
import { DeskActionForm } from './DeskActionForm.tsx';
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
  // Only what the agent changed goes back, each value typed as the assistant had it.
  const changed = () => Object.fromEntries(Object.entries(values).filter(([name, typed]) => typed.trim() !== String(slots[name] ?? '')).map(([name, typed]) => [name, typedLike(slots[name], typed)]));

  return (
    <DeskActionForm
      name="Back to the assistant"
      title="Hand the call back to the assistant"
      intro="The assistant takes over where the flow says, without greeting the caller again. Tell the caller before you do."
      submit="Hand back"
      failure="Could not hand the call back"
      run={() => handBack(callId, agentId, note.trim(), changed())}
      onDone={onHandedBack}
      onCancel={onCancel}
    >
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
    </DeskActionForm>
  );
}
