import { Fieldset, Text, Textarea } from '@mantine/core';
import { DEFAULT_SAFETY_MESSAGE } from '@baton/shared';

interface SafetyMessageSectionProps {
  /** Empty: the default wording. */
  text: string;
  error?: string;
  onChange(text: string): void;
}

/**
 * What a caller who may be in danger hears when no agent can take their call at once. Such callers always go to the
 * flow's sensitive-matters team first, ahead of everyone waiting, and are called back first; no setting turns that off.
 */
export function SafetyMessageSection({ text, error, onChange }: SafetyMessageSectionProps) {
  return (
    <Fieldset legend="Callers who may be in danger">
      <Text size="sm" c="dimmed" mb="sm">
        A caller who talks about self-harm or being in danger goes straight to your sensitive-matters team, ahead of everyone
        waiting. If nobody can take the call, they hear this and are called back first. Point them to emergency help.
      </Text>
      <Textarea
        label="What they hear when nobody can answer"
        placeholder={DEFAULT_SAFETY_MESSAGE}
        autosize
        minRows={2}
        value={text}
        error={error}
        onChange={(e) => onChange(e.currentTarget.value)}
      />
      <Text size="xs" c="dimmed" mt={4}>
        Leave it empty to use the wording shown in grey.
      </Text>
    </Fieldset>
  );
}
