import { useEffect, useState } from 'react';
import { Button, Checkbox, Group, SimpleGrid, Switch, Text } from '@mantine/core';
import { sensitiveTopics, type Detector, type SignalModelInfo } from '@baton/shared';
import { fetchSignalModel } from '../../api/fetchSignalModel.ts';
import { NumberField } from './NumberField.tsx';
import { ThresholdCheck } from './ThresholdCheck.tsx';

interface DetectorFieldsProps {
  detector: Detector;
  errors: Map<string, string>;
  /** Where this detector's errors are, e.g. "detectors.0". */
  path: string;
  onChange(detector: Detector): void;
}

type NumberSetting = { key: string; label: string; description?: string; min: number; max: number; step: number };

const NUMBERS: Partial<Record<Detector['signal'], NumberSetting[]>> = {
  negative_sentiment: [{ key: 'turns', label: 'Also count frustration over the last turns', description: 'Several mildly cross turns add up', min: 1, max: 10, step: 1 }],
  raised_voice: [{ key: 'deltaDb', label: 'Louder than usual by (dB)', min: 1, max: 40, step: 1 }],
  repeated_question: [{ key: 'atLeast', label: 'Times the caller repeats', min: 1, max: 10, step: 1 }],
  no_match: [{ key: 'streak', label: 'Misunderstandings in a row', min: 1, max: 10, step: 1 }],
  low_asr_confidence: [
    { key: 'below', label: 'Speech confidence below', description: '0 is unintelligible, 1 is perfectly clear', min: 0, max: 1, step: 0.05 },
    { key: 'turns', label: 'For this many turns', min: 1, max: 10, step: 1 },
  ],
  turn_limit: [{ key: 'turns', label: 'Caller turns before handing over', min: 1, max: 100, step: 1 }],
};

/** Which recommended threshold a learned detector uses when the trigger sets none. */
const RECOMMENDED: Partial<Record<Detector['signal'], keyof SignalModelInfo['thresholds']>> = {
  explicit_request: 'person',
  sensitive_topic: 'sensitive',
  negative_sentiment: 'frustration',
};

const percent = (p: number) => Math.round(p * 100);

/**
 * How sure a learned detector must be before the trigger hands over, in plain words: a lower percentage is more
 * sensitive (more callers handed over, some needlessly), a higher one less. Empty means the recommended level.
 */
function Sensitivity({ detector, error, onChange }: { detector: Detector & { threshold?: number }; error?: string; onChange(threshold: number | undefined): void }) {
  const [recommended, setRecommended] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    fetchSignalModel()
      .then((info) => live && setRecommended(info.thresholds[RECOMMENDED[detector.signal]!]))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [detector.signal]);
  const own = detector.threshold;
  const shown = recommended === null ? 'the recommended level' : `the recommended ${percent(recommended)}%`;
  return (
    <>
      <NumberField
        label="Hand over when at least this sure (%)"
        description={`Lower is more sensitive: more callers go to a person, some who did not need to. Higher is less sensitive. Empty uses ${shown}.`}
        min={5}
        max={99}
        step={1}
        value={own === undefined ? undefined : percent(own)}
        error={error}
        onChange={(value) => onChange(value / 100)}
        onClear={() => onChange(undefined)}
        slider
      />
      <Group gap="xs" justify="space-between">
        <Text size="xs" c="dimmed">
          {own === undefined ? `Using ${shown}.` : recommended !== null ? `${own < recommended ? 'More' : own > recommended ? 'Less' : 'As'} sensitive than recommended (${percent(recommended)}%).` : ''}
        </Text>
        {own !== undefined && (
          <Button size="compact-xs" variant="subtle" onClick={() => onChange(undefined)}>
            Use recommended
          </Button>
        )}
      </Group>
      <ThresholdCheck level={own} />
    </>
  );
}

/** The thresholds of one detector, as numbers with their ranges. */
export function DetectorFields({ detector, errors, path, onChange }: DetectorFieldsProps) {
  const values = detector as unknown as Record<string, unknown>;
  const set = (key: string, value: unknown) => onChange({ ...detector, [key]: value } as Detector);
  const setThreshold = (threshold: number | undefined) => {
    const { threshold: _old, ...rest } = detector as Detector & { threshold?: number };
    onChange((threshold === undefined ? rest : { ...rest, threshold }) as Detector);
  };
  const sensitivity = RECOMMENDED[detector.signal] && (
    <Sensitivity detector={detector} error={errors.get(`${path}.threshold`)} onChange={setThreshold} />
  );
  if (detector.signal === 'sensitive_topic')
    return (
      <>
        {sensitivity}
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
      {sensitivity}
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
