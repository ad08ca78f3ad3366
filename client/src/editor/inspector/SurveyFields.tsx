import { NumberInput, Text } from '@mantine/core';
import { SURVEY_SLOT } from '@baton/shared';
import { messageFields } from './MessageFields.tsx';
import type { KindFieldsProps } from './KindFieldsProps.ts';

const Messages = messageFields([
  { field: 'question', label: 'The question', description: 'Callers answer on the keypad or by saying a number from 1 to 5.' },
  { field: 'retryText', label: 'When the answer is not a number from 1 to 5' },
  { field: 'thanksText', label: 'After the caller answers (optional)' },
]);

/** The survey's question, how often it asks again, and the thanks. */
export function SurveyFields(props: KindFieldsProps) {
  const { data, errors, set } = props;
  return (
    <>
      <Messages {...props} />
      <NumberInput
        data-field="retries"
        label="Ask again this many times"
        description='Then the call goes on by "no answer".'
        min={0}
        max={3}
        value={typeof data.retries === 'number' ? data.retries : 1}
        error={errors.get('retries')}
        onChange={(value) => set('retries', typeof value === 'number' ? value : 0)}
      />
      <Text size="xs" c="dimmed">
        The score is kept with the call: it shows in the call log, in analytics and in the briefing of the caller's next call. Rules can read it as slots.{SURVEY_SLOT}.
      </Text>
    </>
  );
}
