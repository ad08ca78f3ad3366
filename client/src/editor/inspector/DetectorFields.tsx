import { Checkbox, SimpleGrid, Switch } from '@mantine/core';
import { sensitiveTopics, type Detector } from '@baton/shared';
import { NumberField } from './NumberField.tsx';

interface DetectorFieldsProps {
  detector: Detector;
  errors: Map<string, string>;
  /** Where this detector's errors are, e.g. "detectors.0". */
  path: string;
  onChange(detector: Detector): void;
}

type NumberSetting = { key: string; label: string; description?: string; min: number; max: number; step: number };

const NUMBERS: Partial<Record<Detector['signal'], NumberSetting[]>> = {
  negative_sentiment: [
    { key: 'below', label: 'Sentiment below', description: '-1 is very negative, 0 is neutral', min: -1, max: 0, step: 0.1 },
    { key: 'turns', label: 'Averaged over the last turns', min: 1, max: 10, step: 1 },
  ],
  raised_voice: [{ key: 'deltaDb', label: 'Louder than usual by (dB)', min: 1, max: 40, step: 1 }],
  repeated_question: [{ key: 'atLeast', label: 'Times the caller repeats', min: 1, max: 10, step: 1 }],
  no_match: [{ key: 'streak', label: 'Misunderstandings in a row', min: 1, max: 10, step: 1 }],
  low_asr_confidence: [
    { key: 'below', label: 'Speech confidence below', description: '0 is unintelligible, 1 is perfectly clear', min: 0, max: 1, step: 0.05 },
    { key: 'turns', label: 'For this many turns', min: 1, max: 10, step: 1 },
  ],
  turn_limit: [{ key: 'turns', label: 'Caller turns before handing over', min: 1, max: 100, step: 1 }],
};

/** The thresholds of one detector, as numbers with their ranges. */
export function DetectorFields({ detector, errors, path, onChange }: DetectorFieldsProps) {
  const values = detector as unknown as Record<string, unknown>;
  const set = (key: string, value: unknown) => onChange({ ...detector, [key]: value } as Detector);
  if (detector.signal === 'sensitive_topic')
    return (
      <>
        <Checkbox.Group label="Topics" value={detector.topics} onChange={(topics) => set('topics', topics)} error={errors.get(`${path}.topics`)}>
          <SimpleGrid cols={2} spacing={4} mt={4}>
            {sensitiveTopics.map((topic) => (
              <Checkbox key={topic} value={topic} label={topic.replaceAll('_', ' ')} size="xs" />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <Switch
          mt="xs"
          size="xs"
          label="Also the flow’s own sensitive words"
          checked={detector.includeFlowKeywords}
          onChange={(event) => set('includeFlowKeywords', event.currentTarget.checked)}
        />
      </>
    );
  return (
    <>
      {(NUMBERS[detector.signal] ?? []).map((field) => (
        <NumberField
          key={field.key}
          label={field.label}
          description={field.description}
          min={field.min}
          max={field.max}
          step={field.step}
          value={values[field.key]}
          error={errors.get(`${path}.${field.key}`)}
          onChange={(value) => set(field.key, value)}
          slider
        />
      ))}
    </>
  );
}
