import { useState } from 'react';
import { ActionIcon, Button, Group, NativeSelect, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import type { AgentSettings, AgentSkill, Versioned } from '@baton/shared';
import { SaveConflictDialog } from './SaveConflictDialog.tsx';
import { fetchAgent, saveAgent, type Draft } from './staffingApi.ts';
import { useSave } from './useSave.ts';

const levels = [
  { value: '1', label: '1 — learning' },
  { value: '2', label: '2 — basic' },
  { value: '3', label: '3 — capable' },
  { value: '4', label: '4 — strong' },
  { value: '5', label: '5 — expert' },
];

interface AgentFormProps {
  /** As loaded: a stored agent has the version the save is made over. */
  agent: Draft<AgentSettings>;
  isNew: boolean;
  /** The agent as stored now: after a save, or someone else's version once it is loaded. */
  onSaved(agent: Versioned<AgentSettings>): void;
}

/** Edits one agent: their skills and how good they are at each, and how many calls they take at once. */
export function AgentForm({ agent, isNew, onSaved }: AgentFormProps) {
  const [draft, setDraft] = useState<Draft<AgentSettings>>(agent);
  const { saving, saved, error, problems, run, edited, formRef, conflict } = useSave();
  const set = <K extends keyof AgentSettings>(key: K, value: AgentSettings[K]) => {
    setDraft({ ...draft, [key]: value });
    edited();
  };
  const setSkill = (i: number, skill: AgentSkill) => set('skills', draft.skills.map((s, j) => (j === i ? skill : s)));

  /** `over`: the version to save over instead of the one loaded (keeping mine after a conflict). */
  async function save(over?: () => Promise<number>) {
    const stored = await run(async () => saveAgent(over ? { ...draft, version: await over() } : draft, isNew));
    if (stored) {
      setDraft(stored);
      onSaved(stored);
    }
  }
  const loadTheirVersion = () =>
    conflict.loadTheirs(async () => {
      const theirs = await fetchAgent(draft.id);
      setDraft(theirs);
      onSaved(theirs);
    });
  // Mine, over the version they saved: if a third person saved meanwhile, the choice comes back.
  const keepMine = () => save(async () => (await fetchAgent(draft.id)).version);

  return (
    <Stack gap="md" component="form" ref={formRef} onSubmit={(e) => (e.preventDefault(), void save())} aria-label={isNew ? 'New agent' : `Edit ${agent.name}`}>
      <SaveConflictDialog what="agent" open={conflict.open} close={conflict.close} loadTheirVersion={loadTheirVersion} keepMine={keepMine} />
      <TextInput label="Name" value={draft.name} onChange={(e) => set('name', e.currentTarget.value)} error={problems.get('name')} />
      {isNew && (
        <TextInput
          label="Agent code"
          description='Lowercase letters, digits and dashes, e.g. "sam-jones". It cannot be changed later.'
          value={draft.id}
          onChange={(e) => set('id', e.currentTarget.value)}
          error={problems.get('id')}
        />
      )}
      <div>
        <Text fw={600}>Skills</Text>
        <Text size="sm" c="dimmed" mb={6}>
          A queue offers its calls only to agents with all the skills it requires; among them, the more skilled are offered calls first.
        </Text>
        <Stack gap={6}>
          {draft.skills.length === 0 && (
            <Text size="sm" c="dimmed">
              No skills yet: this agent is offered calls only from queues that require none.
            </Text>
          )}
          {draft.skills.length > 0 && (
            <Group gap="xs" wrap="nowrap" aria-hidden="true">
              <Text size="xs" fw={600} w={190}>
                Skill
              </Text>
              <Text size="xs" fw={600}>
                How good (1 to 5)
              </Text>
            </Group>
          )}
          {draft.skills.map((skill, i) => (
            <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
              <TextInput w={190} aria-label={`Skill ${i + 1}`} placeholder="e.g. billing" value={skill.skill} onChange={(e) => setSkill(i, { ...skill, skill: e.currentTarget.value })} error={problems.get(`skills.${i}.skill`)} />
              <NativeSelect
                aria-label={`How good at skill ${i + 1} (1 to 5)`}
                data={levels}
                value={String(skill.proficiency)}
                onChange={(e) => setSkill(i, { ...skill, proficiency: Number(e.currentTarget.value) })}
                error={problems.get(`skills.${i}.proficiency`)}
                w={160}
              />
              <ActionIcon variant="subtle" color="red" mt={4} aria-label={`Remove skill ${i + 1}`} onClick={() => set('skills', draft.skills.filter((_, j) => j !== i))}>
                ×
              </ActionIcon>
            </Group>
          ))}
        </Stack>
        <Button size="compact-sm" variant="subtle" mt={6} onClick={() => set('skills', [...draft.skills, { skill: '', proficiency: 3 }])}>
          Add a skill
        </Button>
      </div>
      <NumberInput
        label="Calls at once"
        description="How many calls this agent can handle at the same time (1 for voice; more for chat)."
        min={1}
        max={10}
        value={draft.capacity}
        onChange={(v) => set('capacity', typeof v === 'number' ? v : 1)}
        error={problems.get('capacity')}
        maw={440}
      />
      {error && (
        <Text c="red" size="sm" role="alert">
          Could not save: {error}.
        </Text>
      )}
      <Group justify="flex-end">
        {saved && (
          <Text size="sm" c="green" role="status">
            Saved. Calls are routed with these skills from now on.
          </Text>
        )}
        <Button type="submit" loading={saving}>
          Save {draft.name || 'this agent'}
        </Button>
      </Group>
    </Stack>
  );
}
