import { Fieldset, Stack, Text, TextInput } from '@mantine/core';
import { DEFAULT_REASON_TEXTS, handoffCategories, type HandoffCategory } from '@baton/shared';

/** Each handoff category as an admin would say it. */
const categoryLabels = {
  explicit_request: 'They asked for a person',
  frustration: 'They are getting frustrated',
  complex_or_sensitive: 'A sensitive or complex matter',
  ai_limit: 'The AI could not help',
  custom: 'The flow sent them (other reasons)',
} satisfies Record<HandoffCategory, string>;

interface ReasonTextsSectionProps {
  texts: Record<HandoffCategory, string>;
  /** The queue named in the preview, so it reads like a real call. */
  queueName: string;
  errors: Map<string, string>;
  onChange(category: HandoffCategory, text: string): void;
}

/** What callers hear as the reason they are handed to a person, one wording per handoff category. */
export function ReasonTextsSection({ texts, queueName, errors, onChange }: ReasonTextsSectionProps) {
  return (
    <Fieldset legend="Why callers are handed over — what they hear">
      <Text size="sm" c="dimmed" mb="sm">
        Finish the sentence “…because …”. Leave a box empty to use the wording shown in grey.
      </Text>
      <Stack gap="md">
        {handoffCategories.map((category) => {
          const text = texts[category].trim() || DEFAULT_REASON_TEXTS[category];
          return (
            <div key={category}>
              <TextInput
                label={categoryLabels[category]}
                placeholder={DEFAULT_REASON_TEXTS[category]}
                value={texts[category]}
                error={errors.get(`reasonTexts.${category}`)}
                onChange={(e) => onChange(category, e.currentTarget.value)}
              />
              <Text size="xs" c="dimmed" mt={4} className="flow-settings__preview">
                Callers hear: “I'm connecting you to the {queueName} because {text}.”
              </Text>
            </div>
          );
        })}
      </Stack>
    </Fieldset>
  );
}
