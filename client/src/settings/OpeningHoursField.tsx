import { ActionIcon, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { weekdays, type BusinessHours, type Opening, type Weekday } from '@baton/shared';

export const dayNames: Record<Weekday, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };

// Every zone the browser knows, read once: the list is long and does not change while the page is open.
const timeZones = Intl.supportedValuesOf('timeZone');

interface OpeningHoursFieldProps {
  value: BusinessHours;
  /** Server reasons by path, e.g. "businessHours.weekly.sat.0.close". */
  problems: Map<string, string>;
  onChange(value: BusinessHours): void;
}

/** The weekly opening hours of a queue, in its time zone; a day with no hours is closed. */
export function OpeningHoursField({ value, problems, onChange }: OpeningHoursFieldProps) {
  const setDay = (day: Weekday, openings: Opening[]) => onChange({ ...value, weekly: { ...value.weekly, [day]: openings } });
  return (
    <Stack gap="xs">
      <Text fw={600}>Opening hours</Text>
      <Text size="sm" c="dimmed">
        Calls are only handed to this queue while it is open. A day without hours is closed. To stay open past midnight, end the day at 24:00 and start the next at 00:00.
      </Text>
      <Select
        label="Time zone"
        description="The hours and closed days below are in this time zone."
        searchable
        data={timeZones.includes(value.timeZone) ? timeZones : [value.timeZone, ...timeZones]}
        value={value.timeZone}
        onChange={(zone) => zone && onChange({ ...value, timeZone: zone })}
        error={problems.get('businessHours.timeZone')}
        maw={360}
      />
      <div className="opening-hours">
        {weekdays.map((day) => (
          <div className="opening-hours__day" key={day}>
            <Text size="sm" fw={500} className="opening-hours__name">
              {dayNames[day]}
            </Text>
            <Stack gap={6}>
              {value.weekly[day].length === 0 && (
                <Text size="sm" c="dimmed">
                  Closed
                </Text>
              )}
              {value.weekly[day].map((opening, i) => {
                const at = `businessHours.weekly.${day}.${i}`;
                const label = `${dayNames[day]}, opening ${i + 1}`;
                const set = (changed: Opening) => setDay(day, value.weekly[day].map((o, j) => (j === i ? changed : o)));
                return (
                  <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
                    <TextInput type="time" aria-label={`${label}, opens`} value={opening.open} onChange={(e) => set({ ...opening, open: e.currentTarget.value })} error={problems.get(`${at}.open`)} />
                    <Text size="sm" mt={6}>
                      to
                    </Text>
                    <TextInput type="time" aria-label={`${label}, closes`} value={opening.close} onChange={(e) => set({ ...opening, close: e.currentTarget.value })} error={problems.get(`${at}.close`)} />
                    <ActionIcon variant="subtle" color="red" mt={4} aria-label={`Remove ${label}`} onClick={() => setDay(day, value.weekly[day].filter((_, j) => j !== i))}>
                      ×
                    </ActionIcon>
                  </Group>
                );
              })}
            </Stack>
            <Button size="compact-sm" variant="subtle" onClick={() => setDay(day, [...value.weekly[day], nextOpening(value.weekly[day])])}>
              Add hours on {dayNames[day]}
            </Button>
          </div>
        ))}
      </div>
    </Stack>
  );
}

/** A new opening starts an hour after the day's last one closes, so it does not overlap it. */
function nextOpening(openings: Opening[]): Opening {
  const last = openings.at(-1);
  if (!last) return { open: '09:00', close: '17:00' };
  const hour = Math.min(Number(last.close.slice(0, 2)) + 1, 22);
  const pad = (h: number) => String(h).padStart(2, '0');
  return { open: `${pad(hour)}:00`, close: `${pad(hour + 1)}:00` };
}
