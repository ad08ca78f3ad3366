import { Button, Group, Stack, TextInput, Textarea } from '@mantine/core';
import { intentIdFrom, intentLabel, type IntentDefinition } from '@baton/shared';
import { ExamplesField } from './ExamplesField.tsx';

interface IntentsFieldProps {
  intents: IntentDefinition[];
  errors: Map<string, string>;
  onChange(intents: IntentDefinition[]): void;
}

function newIntent(intents: IntentDefinition[]): IntentDefinition {
  const taken = new Set(intents.map((i) => i.name));
  let n = intents.length + 1;
  while (taken.has(`intent_${n}`)) n++;
  return { name: `intent_${n}`, label: `Intent ${n}`, examples: [], reply: '', outOfScope: false };
}

/**
 * Renames an intent: people write the name in plain words, and its id (its output, what rules and reports use) follows,
 * unique in the node. A name with no letter or digit keeps the last id until it has one, so the output stays connected.
 */
function renamed(intents: IntentDefinition[], index: number, label: string): Partial<IntentDefinition> {
  const others = new Set(intents.filter((_, i) => i !== index).map((i) => i.name));
  return { label, name: intentIdFrom(label, others) ?? intents[index].name };
}

/** What callers may want: each intent's name (also its output's) and example phrases. */
export function IntentsField({ intents, errors, onChange }: IntentsFieldProps) {
  const update = (index: number, change: Partial<IntentDefinition>) => onChange(intents.map((intent, i) => (i === index ? { ...intent, ...change } : intent)));
  return (
    <fieldset className="inspector__intents">
      <legend>What callers may want (intents)</legend>
      <Stack gap="md">
        {intents.map((intent, i) => (
          <div key={i} className="inspector__intent">
            <TextInput
              data-field={`intents.${i}.label`}
              label={`Intent ${i + 1} name`}
              description="What callers want, in a few words, e.g. “Outage status”; also the name of its output"
              value={intent.label ?? intentLabel(intent)}
              error={errors.get(`intents.${i}.label`) ?? errors.get(`intents.${i}.name`)}
              onChange={(event) => update(i, renamed(intents, i, event.currentTarget.value))}
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
          onClick={() => onChange([...intents, newIntent(intents)])}
        >
          Add an intent
        </Button>
      </Stack>
    </fieldset>
  );
}
