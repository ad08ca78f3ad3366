import { Button, Group, Stack, TextInput, Textarea } from '@mantine/core';
import type { IntentDefinition } from '@baton/shared';
import { ExamplesField } from './ExamplesField.tsx';

interface IntentsFieldProps {
  intents: IntentDefinition[];
  errors: Map<string, string>;
  onChange(intents: IntentDefinition[]): void;
}

function newIntentName(intents: IntentDefinition[]): string {
  const taken = new Set(intents.map((i) => i.name));
  for (let n = intents.length + 1; ; n++) if (!taken.has(`intent_${n}`)) return `intent_${n}`;
}

/** What callers may want: each intent's name (also its output) and example phrases. */
export function IntentsField({ intents, errors, onChange }: IntentsFieldProps) {
  const update = (index: number, change: Partial<IntentDefinition>) => onChange(intents.map((intent, i) => (i === index ? { ...intent, ...change } : intent)));
  return (
    <fieldset className="inspector__intents">
      <legend>What callers may want (intents)</legend>
      <Stack gap="md">
        {intents.map((intent, i) => (
          <div key={i} className="inspector__intent">
            <TextInput
              data-field={`intents.${i}.name`}
              label={`Intent ${i + 1} name`}
              description="Lower-case words joined by _; also the name of its output"
              value={intent.name}
              error={errors.get(`intents.${i}.name`)}
              onChange={(event) => update(i, { name: event.currentTarget.value })}
            />
            <ExamplesField
              field={`intents.${i}.examples`}
              label={`Example phrases for intent ${i + 1}`}
              examples={intent.examples}
              error={errors.get(`intents.${i}.examples`)}
              onChange={(examples) => update(i, { examples })}
            />
            <Textarea
              label="Reply when recognised (optional)"
              autosize
              minRows={1}
              value={intent.reply ?? ''}
              error={errors.get(`intents.${i}.reply`)}
              onChange={(event) => update(i, { reply: event.currentTarget.value })}
            />
            <Group justify="flex-end">
              <Button size="xs" variant="subtle" color="red" onClick={() => onChange(intents.filter((_, j) => j !== i))}>
                Remove intent {i + 1}
              </Button>
            </Group>
          </div>
        ))}
        <Button
          data-field="intents"
          size="xs"
          variant="light"
          onClick={() => onChange([...intents, { name: newIntentName(intents), examples: [], reply: '', outOfScope: false }])}
        >
          Add an intent
        </Button>
      </Stack>
    </fieldset>
  );
}
