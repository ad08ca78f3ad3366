import { Fieldset, Input, Slider, Stack, Switch, TagsInput } from '@mantine/core';

interface UnderstandingSectionProps {
  sensitiveKeywords: string[];
  zeroOutToAgent: boolean;
  confidencePercent: number;
  errors: Map<string, string>;
  keywordsError?: string;
  onKeywords(keywords: string[]): void;
  onZeroOut(on: boolean): void;
  onConfidence(percent: number): void;
  /** How sure the AI must be is not a handoff rule: read-only for analysts. */
  confidenceLocked?: boolean;
}

/** How the flow reads what callers say and press: sensitive words, the 0 key, and how sure the AI must be. */
export function UnderstandingSection(props: UnderstandingSectionProps) {
  const { sensitiveKeywords, zeroOutToAgent, confidencePercent, errors, keywordsError } = props;
  return (
    <Fieldset legend="Understanding the caller">
      <Stack gap="lg">
        <TagsInput
          label="Words or phrases that mean a sensitive matter"
          description="On top of the topics Baton already treats as sensitive. Press Enter after each word or phrase."
          placeholder="e.g. bereavement"
          value={sensitiveKeywords}
          error={keywordsError}
          onChange={props.onKeywords}
          clearable
        />
        <Switch
          label="Pressing 0 asks for a person"
          description="A caller who presses 0 on the keypad is handed over as if they had asked for a person."
          checked={zeroOutToAgent}
          onChange={(e) => props.onZeroOut(e.currentTarget.checked)}
        />
        <Input.Wrapper
          label={
            <>
              How sure the AI must be before acting on what it heard: <strong>{confidencePercent} %</strong>
            </>
          }
          description="When the AI is less sure than this, the AI step takes its “not understood” path instead of guessing."
          error={errors.get('confidenceThreshold')}
        >
          <Slider
            mt="sm"
            mb="lg"
            min={0}
            max={100}
            step={1}
            value={confidencePercent}
            onChange={props.onConfidence}
            disabled={props.confidenceLocked}
            label={(v) => `${v} %`}
            thumbLabel="How sure the AI must be, in percent"
            marks={[
              { value: 0, label: '0 %' },
              { value: 50, label: '50 %' },
              { value: 100, label: '100 %' },
            ]}
          />
        </Input.Wrapper>
      </Stack>
    </Fieldset>
  );
}
