import { Select, Text } from '@mantine/core';
import { dispositions } from '@baton/shared';
import { MessageField } from './MessageField.tsx';
import { textOf, type KindFieldsProps } from './KindFieldsProps.ts';

const dispositionNames: Record<(typeof dispositions)[number], string> = {
  resolved: 'The caller’s need was met',
  transferred: 'Handed to a person',
  callback: 'A callback was booked',
  abandoned: 'The caller could not be helped',
  other: 'Something else',
};

/** The goodbye and how the call is recorded as ending. */
export function EndFields({ data, errors, set }: KindFieldsProps) {
  return (
    <>
      <MessageField field="message" label="Goodbye message" value={data.message} error={errors.get('message')} onChange={(v) => set('message', v)} />
      <Select
        label="How the call ended (for reports)"
        data={dispositions.map((d) => ({ value: d, label: dispositionNames[d] }))}
        value={textOf(data.disposition) || null}
        error={errors.get('disposition')}
        onChange={(value) => value && set('disposition', value)}
        allowDeselect={false}
      />
      {data.disposition === 'callback' && (
        <Text size="xs" c="dimmed">
          Ending here books a call back: agents of the queue see it on the agent desk, with the phone number the caller gave (or the one they called from). Use {'{{queue.callbackWindow}}'} to tell the caller when to expect the call.
        </Text>
      )}
    </>
  );
}
