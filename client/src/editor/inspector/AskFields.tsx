import { Select, TextInput } from '@mantine/core';
import { FlagField } from './FlagField.tsx';
import type { ValueType } from '@baton/shared';
import { MessageField } from './MessageField.tsx';
import { NumberField } from './NumberField.tsx';
import { textOf, type KindFieldsProps } from './KindFieldsProps.ts';

const valueTypeNames: Record<ValueType, string> = {
  number: 'A number',
  amount: 'An amount of money',
  date: 'A date',
  email: 'An email address',
  phone: 'A phone number',
  yes_no: 'Yes or no',
  pattern: 'A code with a fixed pattern',
  free_text: 'Anything the caller says',
};

/** The question, what kind of answer it wants, where it is kept, and what to say when it is not understood. */
export function AskFields({ data, errors, set }: KindFieldsProps) {
  return (
    <>
      <MessageField field="question" label="Question" value={data.question} error={errors.get('question')} onChange={(v) => set('question', v)} />
      <Select
        data-field="valueType"
        label="Kind of answer"
        description="A reply that is only this answer is not acted on by the handoff triggers; anything more the caller says is, and a caller in danger always is."
        data={Object.entries(valueTypeNames).map(([value, label]) => ({ value, label }))}
        value={textOf(data.valueType) || null}
        error={errors.get('valueType')}
        onChange={(value) => value && set('valueType', value)}
        allowDeselect={false}
      />
      {data.valueType === 'pattern' && (
        <TextInput
          data-field="pattern"
        label="Pattern"
          description="# is a digit, A a letter, * anything; e.g. AA######"
          value={textOf(data.pattern)}
          error={errors.get('pattern')}
          onChange={(event) => set('pattern', event.currentTarget.value)}
        />
      )}
      <TextInput
        data-field="slot"
        label="Keep the answer as"
        description="A name for later steps, e.g. account_number ({{slots.account_number}})"
        value={textOf(data.slot)}
        error={errors.get('slot')}
        onChange={(event) => set('slot', event.currentTarget.value)}
      />
      <FlagField
        field="sensitive"
        label="Keep the answer hidden"
        description="For card, account or ID numbers: kept as its last four characters only, and what the caller said here is not written in the transcript, the briefing or the call log."
        value={data.sensitive}
        set={set}
      />
      <NumberField label="Times to ask again" min={0} max={5} value={data.retries} error={errors.get('retries')} onChange={(v) => set('retries', v)} />
      <MessageField field="retryText" label="When the answer is not understood" value={data.retryText} error={errors.get('retryText')} onChange={(v) => set('retryText', v)} />
    </>
  );
}
