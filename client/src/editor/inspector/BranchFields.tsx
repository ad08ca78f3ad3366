import { Button, Group, Stack, TextInput } from '@mantine/core';
import type { z } from 'zod';
import type { conditionSchema } from '@baton/shared';
import type { KindFieldsProps } from './KindFieldsProps.ts';
import { RuleField } from './RuleField.tsx';

type Condition = z.output<typeof conditionSchema>;

function newConditionId(conditions: Condition[]): string {
  const taken = new Set(conditions.map((c) => c.id));
  for (let n = conditions.length + 1; ; n++) if (!taken.has(`condition_${n}`)) return `condition_${n}`;
}

/** The conditions checked in order; the first that holds decides the output. */
export function BranchFields({ data, errors, set }: KindFieldsProps) {
  const conditions = (data.conditions ?? []) as Condition[];
  const update = (i: number, change: Partial<Condition>) => set('conditions', conditions.map((c, j) => (j === i ? { ...c, ...change } : c)));
  return (
    <fieldset className="inspector__intents">
      <legend>Conditions, checked in order</legend>
      <Stack gap="md">
        {conditions.map((condition, i) => (
          <div key={i} className="inspector__intent">
            <TextInput
              data-field={`conditions.${i}.id`}
              label={`Condition ${i + 1} output name`}
              value={condition.id}
              error={errors.get(`conditions.${i}.id`)}
              onChange={(event) => update(i, { id: event.currentTarget.value })}
            />
            <TextInput
              label="In plain words"
              value={condition.label}
              error={errors.get(`conditions.${i}.label`)}
              onChange={(event) => update(i, { label: event.currentTarget.value })}
            />
            <RuleField
              field={`conditions.${i}.rule`}
              label={`When condition ${i + 1} holds`}
              value={condition.rule}
              error={errors.get(`conditions.${i}.rule`)}
              onChange={(rule) => update(i, { rule })}
            />
            <Group justify="flex-end">
              <Button size="xs" variant="subtle" color="red" onClick={() => set('conditions', conditions.filter((_, j) => j !== i))}>
                Remove condition {i + 1}
              </Button>
            </Group>
          </div>
        ))}
        <Button data-field="conditions" size="xs" variant="light" onClick={() => set('conditions', [...conditions, { id: newConditionId(conditions), label: '', rule: '' }])}>
          Add a condition
        </Button>
      </Stack>
    </fieldset>
  );
}
