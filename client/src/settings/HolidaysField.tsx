import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core';

interface HolidaysFieldProps {
  value: string[];
  problems: Map<string, string>;
  onChange(value: string[]): void;
}

/** Days the queue is closed all day (bank holidays and the like), as dates in the queue's time zone. */
export function HolidaysField({ value, problems, onChange }: HolidaysFieldProps) {
  return (
    <Stack gap={6}>
      <Text fw={600}>Closed days</Text>
      <Text size="sm" c="dimmed">
        Holidays and other days the queue is closed all day, whatever its usual hours.
      </Text>
      {value.map((date, i) => (
        <Group key={i} gap="xs" align="flex-start">
          <TextInput
            type="date"
            aria-label={`Closed day ${i + 1}`}
            value={date}
            onChange={(e) => onChange(value.map((d, j) => (j === i ? e.currentTarget.value : d)))}
            error={problems.get(`businessHours.holidays.${i}`)}
          />
          <ActionIcon variant="subtle" color="red" mt={4} aria-label={`Remove closed day ${i + 1}`} onClick={() => onChange(value.filter((_, j) => j !== i))}>
            ×
          </ActionIcon>
        </Group>
      ))}
      <div>
        <Button size="compact-sm" variant="subtle" onClick={() => onChange([...value, ''])}>
          Add a closed day
        </Button>
      </div>
    </Stack>
  );
}
