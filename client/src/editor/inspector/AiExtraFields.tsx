import { Checkbox, Group } from '@mantine/core';
import { entityTypes } from '@baton/shared';
import { NumberField } from './NumberField.tsx';
import type { KindFieldsProps } from './KindFieldsProps.ts';

const entityNames: Record<(typeof entityTypes)[number], string> = {
  number: 'Numbers',
  amount: 'Amounts of money',
  date: 'Dates',
  email: 'Email addresses',
  phone: 'Phone numbers',
};

/** What else the AI listens for (values it picks out of what callers say) and how sure it must be. */
export function AiExtraFields({ data, errors, set }: KindFieldsProps) {
  return (
    <>
      <Checkbox.Group
        data-field="entities"
        label="Values to pick out of what callers say"
        value={Array.isArray(data.entities) ? (data.entities as string[]) : []}
        onChange={(entities) => set('entities', entities)}
        error={errors.get('entities')}
      >
        <Group gap="sm" mt={4}>
          {entityTypes.map((entity) => (
            <Checkbox key={entity} value={entity} label={entityNames[entity]} size="xs" />
          ))}
        </Group>
      </Checkbox.Group>
      <NumberField
        label="How sure the AI must be (0 … 1)"
        description="Leave empty to use the flow’s setting"
        min={0}
        max={1}
        step={0.05}
        value={data.confidenceThreshold}
        error={errors.get('confidenceThreshold')}
        onChange={(value) => set('confidenceThreshold', value)}
        onClear={() => set('confidenceThreshold', undefined)}
      />
    </>
  );
}
