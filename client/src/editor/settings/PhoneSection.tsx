import { Autocomplete, Fieldset, Select, Stack } from '@mantine/core';
import { phoneLanguages } from '@baton/shared';

const accents: Record<(typeof phoneLanguages)[number], string> = {
  'en-GB': 'English (United Kingdom)',
  'en-US': 'English (United States)',
  'en-AU': 'English (Australia)',
  'en-IE': 'English (Ireland)',
  'en-IN': 'English (India)',
};

/** Some of Twilio's text-to-speech voices; any other voice name Twilio knows can be typed. */
const voices = ['Polly.Amy', 'Polly.Brian', 'Polly.Emma', 'Polly.Joanna', 'Polly.Matthew', 'Polly.Olivia', 'Polly.Aditi', 'Google.en-GB-Wavenet-A', 'alice'];

interface PhoneSectionProps {
  voice: string;
  language: string;
  voiceError?: string;
  onVoice(voice: string): void;
  onLanguage(language: string): void;
}

/** How the flow sounds on a phone call: the voice that speaks and the accent it speaks and listens in. */
export function PhoneSection({ voice, language, voiceError, onVoice, onLanguage }: PhoneSectionProps) {
  return (
    <Fieldset legend="On the phone">
      <Stack gap="lg">
        <Autocomplete
          label="Voice"
          description="The text-to-speech voice callers hear (Twilio’s name for it). Leave empty for the server’s default."
          placeholder="e.g. Polly.Amy"
          data={voices}
          value={voice}
          error={voiceError}
          onChange={onVoice}
        />
        <Select
          label="Accent"
          description="The accent the voice speaks in, and the one speech recognition listens for."
          placeholder="The server’s default"
          data={phoneLanguages.map((value) => ({ value, label: accents[value] }))}
          value={language || null}
          onChange={(value) => onLanguage(value ?? '')}
          clearable
        />
      </Stack>
    </Fieldset>
  );
}
