import { useState } from 'react';
import { Button, Group, NumberInput, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { DEFAULT_OFFER_TIMEOUT_SECONDS, type QueueSettings, type Versioned } from '@baton/shared';
import { HolidaysField } from './HolidaysField.tsx';
import { OpeningHoursField } from './OpeningHoursField.tsx';
import { SaveConflictDialog } from './SaveConflictDialog.tsx';
import { fetchQueue, saveQueue, type Draft } from './staffingApi.ts';
import { useSave } from './useSave.ts';

interface QueueFormProps {
  /** As loaded: a stored queue has the version the save is made over. */
  queue: Draft<QueueSettings>;
  /** A queue not stored yet: its code can still be chosen. */
  isNew: boolean;
  /** The queue as stored now: after a save, or someone else's version once it is loaded. */
  onSaved(queue: Versioned<QueueSettings>): void;
}

/** Edits one queue: who may take its calls, when it is open, and how long callers should wait. */
export function QueueForm({ queue, isNew, onSaved }: QueueFormProps) {
  const [draft, setDraft] = useState<Draft<QueueSettings>>(queue);
  const { saving, saved, error, problems, run, edited, formRef, conflict } = useSave();
  const set = <K extends keyof QueueSettings>(key: K, value: QueueSettings[K]) => {
    setDraft({ ...draft, [key]: value });
    edited();
  };
  const title = draft.name || 'this queue';

  /** `over`: the version to save over instead of the one loaded (keeping mine after a conflict). */
  async function save(over?: () => Promise<number>) {
    const stored = await run(async () => saveQueue(over ? { ...draft, version: await over() } : draft, isNew));
    if (stored) {
      setDraft(stored);
      onSaved(stored);
    }
  }
  const loadTheirVersion = () =>
    conflict.loadTheirs(async () => {
      const theirs = await fetchQueue(draft.id);
      setDraft(theirs);
      onSaved(theirs);
    });
  // Mine, over the version they saved: if a third person saved meanwhile, the choice comes back.
  const keepMine = () => save(async () => (await fetchQueue(draft.id)).version);

  return (
    <Stack gap="md" component="form" ref={formRef} onSubmit={(e) => (e.preventDefault(), void save())} aria-label={isNew ? 'New queue' : `Edit ${queue.name}`}>
      <SaveConflictDialog what="queue" open={conflict.open} close={conflict.close} loadTheirVersion={loadTheirVersion} keepMine={keepMine} />
      <TextInput label="Name" description="As agents and reports show it." value={draft.name} onChange={(e) => set('name', e.currentTarget.value)} error={problems.get('name')} />
      {isNew && (
        <TextInput
          label="Queue code"
          description='Flows send calls to the queue by this code. Lowercase letters, digits and dashes, e.g. "billing-support". It cannot be changed later.'
          value={draft.id}
          onChange={(e) => set('id', e.currentTarget.value)}
          error={problems.get('id')}
        />
      )}
      <TagsInput
        label="Skills required"
        description="Only agents with every one of these skills are offered calls from this queue. Press Enter after each skill."
        placeholder="Type a skill, e.g. billing"
        value={draft.requiredSkills}
        onChange={(skills) => set('requiredSkills', skills)}
        error={problems.get('requiredSkills') ?? [...problems].find(([path]) => path.startsWith('requiredSkills.'))?.[1]}
      />
      <OpeningHoursField value={draft.businessHours} problems={problems} onChange={(hours) => set('businessHours', hours)} />
      <HolidaysField value={draft.businessHours.holidays} problems={problems} onChange={(holidays) => set('businessHours', { ...draft.businessHours, holidays })} />
      <NumberInput
        label="Longest wait before offering a callback (seconds)"
        description="When the expected wait is longer than this, the caller is not queued: the flow can offer to call them back instead. 300 seconds is 5 minutes."
        min={0}
        max={86_400}
        value={draft.maxWaitSecondsBeforeCallback}
        onChange={(v) => set('maxWaitSecondsBeforeCallback', typeof v === 'number' ? v : 0)}
        error={problems.get('maxWaitSecondsBeforeCallback')}
        maw={560}
      />
      <NumberInput
        label="Time to accept a call (seconds)"
        description="How long an agent has to read the briefing and accept before the call is offered to the next agent. 20 seconds suits short briefings; give more where agents read account details first."
        min={5}
        max={600}
        value={draft.offerTimeoutSeconds ?? DEFAULT_OFFER_TIMEOUT_SECONDS}
        onChange={(v) => set('offerTimeoutSeconds', typeof v === 'number' ? v : DEFAULT_OFFER_TIMEOUT_SECONDS)}
        error={problems.get('offerTimeoutSeconds')}
        maw={560}
      />
      <div>
        <Text fw={600}>Service level</Text>
        <Text size="sm" c="dimmed" mb={6}>
          The goal reports measure this queue against, e.g. 80% of calls answered within 20 seconds.
        </Text>
        <Group grow maw={520} align="flex-start">
          <NumberInput
            label="Answer within (seconds)"
            min={1}
            max={3600}
            value={draft.serviceLevel.answerWithinSeconds}
            onChange={(v) => set('serviceLevel', { ...draft.serviceLevel, answerWithinSeconds: typeof v === 'number' ? v : 0 })}
            error={problems.get('serviceLevel.answerWithinSeconds')}
          />
          <NumberInput
            label="Share of calls (%)"
            min={0}
            max={100}
            value={Math.round(draft.serviceLevel.targetShare * 100)}
            onChange={(v) => set('serviceLevel', { ...draft.serviceLevel, targetShare: (typeof v === 'number' ? v : 0) / 100 })}
            error={problems.get('serviceLevel.targetShare')}
          />
        </Group>
      </div>
      {error && (
        <Text c="red" size="sm" role="alert">
          Could not save: {error}.
        </Text>
      )}
      <Group justify="flex-end">
        {saved && (
          <Text size="sm" c="green" role="status">
            Saved. New calls use these settings from now on.
          </Text>
        )}
        <Button type="submit" loading={saving}>
          Save {title}
        </Button>
      </Group>
    </Stack>
  );
}
