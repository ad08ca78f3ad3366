import { Button, Group, Select, Stack, Text } from '@mantine/core';
import { detectorSchema, handoffCategories, type Detector } from '@baton/shared';
import { DetectorFields } from './DetectorFields.tsx';
import { NumberField } from './NumberField.tsx';
import type { KindFieldsProps } from './KindFieldsProps.ts';
import { RuleField } from './RuleField.tsx';
import { categoryNames, signalNames } from './signalNames.ts';
import { useTunesOnly } from '../useAnalystLimits.ts';


const allSignals = Object.keys(signalNames) as Detector['signal'][];

/** What a handoff trigger watches and its thresholds, so an analyst can tune it in place. */
export function TriggerFields({ data, errors, set }: KindFieldsProps) {
  const detectors = (data.detectors ?? []) as Detector[];
  const unused = allSignals.filter((signal) => !detectors.some((d) => d.signal === signal));
  // The reason category is what the caller is told and how calls are counted: an admin's to change.
  const tunesOnly = useTunesOnly();
  const update = (i: number, detector: Detector) => set('detectors', detectors.map((d, j) => (j === i ? detector : d)));
  return (
    <>
      <Select
        data-field="category"
        label="Why the call is handed over"
        description="Used for what the caller is told ({{handoff.reasonText}})"
        data={handoffCategories.map((c) => ({ value: c, label: categoryNames[c] }))}
        value={typeof data.category === 'string' ? data.category : null}
        error={errors.get('category')}
        onChange={(value) => value && set('category', value)}
        allowDeselect={false}
        disabled={tunesOnly}
      />
      <fieldset className="inspector__intents">
        <legend>Hands over when any of these happens</legend>
        <Stack gap="md">
          {detectors.length === 0 && <Text size="sm">Nothing yet: add what to watch for.</Text>}
          {detectors.map((detector, i) => (
            <div key={detector.signal} className="inspector__intent" role="group" aria-label={signalNames[detector.signal]}>
              <Group justify="space-between" wrap="nowrap">
                <Text fw={600} size="sm">
                  {signalNames[detector.signal]}
                </Text>
                <Button size="compact-xs" variant="subtle" color="red" onClick={() => set('detectors', detectors.filter((_, j) => j !== i))}>
                  Remove
                </Button>
              </Group>
              <DetectorFields detector={detector} errors={errors} path={`detectors.${i}`} onChange={(d) => update(i, d)} />
            </div>
          ))}
          {unused.length > 0 && (
            <Select
              data-field="detectors"
              label="Add something to watch for"
              placeholder="Choose…"
              data={unused.map((signal) => ({ value: signal, label: signalNames[signal] }))}
              value={null}
              onChange={(signal) => signal && set('detectors', [...detectors, detectorSchema.parse({ signal })])}
            />
          )}
        </Stack>
      </fieldset>
      <RuleField
        field="rule"
        label="Extra condition (optional)"
        optional
        value={typeof data.rule === 'string' ? data.rule : ''}
        error={errors.get('rule')}
        onChange={(rule) => set('rule', rule === '' ? undefined : rule)}
      />
      <NumberField
        label="Priority when several triggers hold (higher first)"
        min={0}
        max={100}
        value={data.priority}
        error={errors.get('priority')}
        onChange={(value) => set('priority', value)}
      />
    </>
  );
}
