import { useState } from 'react';
import { Button, Group, NumberInput, Slider, Stack, Switch, Text, TextInput, Textarea } from '@mantine/core';
import { personaSchema, type Persona, type Versioned } from '@baton/shared';
import { SaveConflictDialog } from '../settings/SaveConflictDialog.tsx';
import { useSave } from '../settings/useSave.ts';
import { PhraseList } from './PhraseList.tsx';
import { RealPhrasesButton } from './RealPhrasesButton.tsx';
import { fetchPersona, savePersona } from './personasApi.ts';

type Draft = Versioned<Persona>;

/** The first problem the schema finds with each field, by path ("wants.0.utterances"). */
function problems(draft: Draft): Map<string, string> {
  const { version: _version, ...persona } = draft;
  const result = personaSchema.safeParse(persona);
  const found = new Map<string, string>();
  if (!result.success) for (const issue of result.error.issues) if (!found.has(issue.path.join('.'))) found.set(issue.path.join('.'), issue.message);
  return found;
}

function Chance({ label, description, value, onChange }: { label: string; description: string; value: number; onChange(value: number): void }) {
  return (
    <div>
      <Text size="sm" fw={500}>
        {label}: {Math.round(value * 100)}%
      </Text>
      <Text size="xs" c="dimmed">
        {description}
      </Text>
      <Slider value={Math.round(value * 100)} onChange={(v) => onChange(v / 100)} min={0} max={100} step={5} label={(v) => `${v}%`} aria-label={label} />
    </div>
  );
}

/** Edits one simulated caller: what they want and in which words, their patience, and how they escalate. */
export function PersonaForm({ persona, onSaved }: { persona: Draft; onSaved(persona: Draft): void }) {
  const [draft, setDraft] = useState<Draft>(persona);
  // Phrases added from real calls: the phrase boxes show them (they keep their own text while typed in).
  const [added, setAdded] = useState(0);
  const { saving, saved, error, run, edited, conflict } = useSave();
  const found = problems(draft);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft({ ...draft, [key]: value });
    edited();
  };
  const setGoal = (i: number, goal: Draft['wants'][number]) => set('wants', draft.wants.map((g, j) => (j === i ? goal : g)));

  /** `over`: the version to save over instead of the one loaded (keeping mine after a conflict). */
  async function save(over?: () => Promise<number>) {
    const stored = await run(async () => savePersona(over ? { ...draft, version: await over() } : draft));
    if (stored) {
      setDraft(stored);
      onSaved(stored);
    }
  }
  const loadTheirVersion = () =>
    conflict.loadTheirs(async () => {
      const theirs = await fetchPersona(draft.id);
      setDraft(theirs);
      onSaved(theirs);
    });
  // Mine, over the version they saved: if a third person saved meanwhile, the choice comes back.
  const keepMine = () => save(async () => (await fetchPersona(draft.id)).version);

  return (
    <Stack gap="sm" component="form" onSubmit={(e) => (e.preventDefault(), void save())} aria-label={`Edit ${persona.name}`}>
      <SaveConflictDialog what="simulated caller" open={conflict.open} close={conflict.close} loadTheirVersion={loadTheirVersion} keepMine={keepMine} />
      <TextInput label="Name" value={draft.name} onChange={(e) => set('name', e.currentTarget.value)} error={found.get('name')} />
      <Textarea label="Who they are" autosize minRows={2} value={draft.description} onChange={(e) => set('description', e.currentTarget.value)} />
      <Text fw={600}>What they call about</Text>
      {draft.wants.map((goal, i) => (
        <Group key={i} align="flex-start" grow>
          <TextInput label="What they want (an intent of the flow)" value={goal.intent} onChange={(e) => setGoal(i, { ...goal, intent: e.currentTarget.value })} error={found.get(`wants.${i}.intent`)} />
          <div>
            <PhraseList
              key={`${i}:${added}`}
              label="How they say it (one per line)"
              value={goal.utterances}
              onChange={(utterances) => setGoal(i, { ...goal, utterances })}
              error={found.get(`wants.${i}.utterances`)}
            />
            <RealPhrasesButton
              intent={goal.intent}
              phrases={goal.utterances}
              onAdd={(utterances) => {
                setGoal(i, { ...goal, utterances });
                setAdded((n) => n + 1);
              }}
            />
          </div>
        </Group>
      ))}
      <Group gap="xs">
        <Button size="compact-sm" variant="light" onClick={() => set('wants', [...draft.wants, { intent: '', utterances: [] }])}>
          Add something they call about
        </Button>
        {draft.wants.length > 1 && (
          <Button size="compact-sm" variant="subtle" color="red" onClick={() => set('wants', draft.wants.slice(0, -1))}>
            Remove the last one
          </Button>
        )}
      </Group>
      <NumberInput
        label="Patience"
        description="After this many turns the AI gets wrong, the caller hangs up."
        min={1}
        max={50}
        value={draft.patienceTurns}
        onChange={(v) => set('patienceTurns', Number(v) || 1)}
        error={found.get('patienceTurns')}
      />
      <Chance label="Asks for a person" description="Chance on each turn that they ask for a person instead of answering." value={draft.asksForPersonProbability} onChange={(v) => set('asksForPersonProbability', v)} />
      <Switch label="Asks for a person as their very first words" checked={draft.asksAtOnce} onChange={(e) => set('asksAtOnce', e.currentTarget.checked)} />
      <PhraseList label="How they ask for a person (one per line)" value={draft.personPhrases} onChange={(v) => set('personPhrases', v)} error={found.get('personPhrases')} />
      <Group grow>
        <NumberInput label="Usual voice level (dB)" min={20} max={120} value={draft.loudness.baseDb} onChange={(v) => set('loudness', { ...draft.loudness, baseDb: Number(v) || 60 })} />
        <NumberInput
          label="Louder per failed turn (dB)"
          min={0}
          max={30}
          value={draft.loudness.perFailedTurnDb}
          onChange={(v) => set('loudness', { ...draft.loudness, perFailedTurnDb: Number(v) || 0 })}
        />
      </Group>
      <PhraseList label="What they add when it goes wrong, turn after turn (one per line)" value={draft.escalation} onChange={(v) => set('escalation', v)} />
      <TextInput
        label="A sensitive matter they bring up (optional)"
        placeholder="e.g. someone has used my card"
        value={draft.sensitiveTopic?.phrase ?? ''}
        onChange={(e) => set('sensitiveTopic', e.currentTarget.value.trim() ? { phrase: e.currentTarget.value } : null)}
      />
      <PhraseList label="How they rephrase when not understood (one per line)" value={draft.rephrasings} onChange={(v) => set('rephrasings', v)} />
      <Chance label="Unsure answers" description="Chance that they answer a question vaguely instead of with the value." value={draft.unsureProbability} onChange={(v) => set('unsureProbability', v)} />
      <NumberInput label="Share in the usual mix of callers" description="Relative to the other callers' shares." min={0} max={1000} value={draft.weight} onChange={(v) => set('weight', Number(v) || 0)} />
      {error && (
        <Text c="red" size="sm" role="alert">
          Could not save: {error}.
        </Text>
      )}
      <Group justify="flex-end">
        {saved && (
          <Text size="sm" c="green" role="status">
            Saved. Simulations use it from now on.
          </Text>
        )}
        <Button type="submit" loading={saving} disabled={found.size > 0}>
          Save {draft.name || 'this caller'}
        </Button>
      </Group>
    </Stack>
  );
}
