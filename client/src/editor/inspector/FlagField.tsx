import { Checkbox } from '@mantine/core';

/** A yes/no setting of a step: ticked when `value` is true. */
export function FlagField({ field, label, description, value, set }: { field: string; label: string; description: string; value: unknown; set(field: string, value: boolean): void }) {
  return <Checkbox data-field={field} label={label} description={description} checked={value === true} onChange={(e) => set(field, e.currentTarget.checked)} />;
}
