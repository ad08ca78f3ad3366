import { Button, NumberInput, Select } from '@mantine/core';
import type { Persona, QueueConfig } from '@baton/shared';
import { PersonaMix } from './PersonaMix.tsx';
import { StaffingFields } from './StaffingFields.tsx';
import { versionLabel, type WhatIfSettings } from './whatIfSettings.ts';

interface WhatIfFormProps {
  publishedVersion: number | null;
  personas: Persona[];
  queues: QueueConfig[];
  settings: WhatIfSettings;
  running: boolean;
  onChange(patch: Partial<WhatIfSettings>): void;
  onRun(): void;
}

/** The choices behind a what-if run: which versions, how many callers, who they are and who answers. */
export function WhatIfForm({ publishedVersion, personas, queues, settings, running, onChange, onRun }: WhatIfFormProps) {
  const choices = ['draft', ...(publishedVersion === null ? [] : ['published', ...Array.from({ length: publishedVersion }, (_, i) => String(i + 1))])];
  const options = choices.map((value) => ({ value, label: versionLabel(value, publishedVersion) }));
  const noCallers = personas.every((p) => (settings.weights[p.id] ?? 0) <= 0);
  return (
    <form
      className="panel whatif-form"
      aria-label="What-if settings"
      onSubmit={(e) => {
        e.preventDefault();
        onRun();
      }}
    >
      <div className="whatif-form__column">
        <fieldset className="whatif-fieldset">
          <legend>What to compare</legend>
          {publishedVersion === null && (
            <p className="notice notice--empty" role="status">
              This flow has not been published yet, so there is nothing to compare the draft against. Publish the flow first to compare against it,
              or run the draft alone to see how it would do.
            </p>
          )}
          <div className="whatif-row">
            <Select label="Before" description="The version callers get today." data={[{ value: 'none', label: 'Nothing (run one version alone)' }, ...options]} value={settings.compareWith} onChange={(v) => v && onChange({ compareWith: v })} allowDeselect={false} />
            <Select label="After" description="The version with your changes (the draft as last saved)." data={options} value={settings.version} onChange={(v) => v && onChange({ version: v })} allowDeselect={false} />
          </div>
        </fieldset>
        <fieldset className="whatif-fieldset">
          <legend>How many callers</legend>
          <div className="whatif-row">
            <NumberInput label="Number of calls" description="More calls give steadier figures but take longer." min={1} max={100000} step={500} thousandSeparator="," value={settings.calls} onChange={(v) => onChange({ calls: typeof v === 'number' ? v : 1000 })} />
            <NumberInput label="Seed" description="The same number gives the same callers, so two runs can be compared fairly." min={0} max={2147483647} value={settings.seed} onChange={(v) => onChange({ seed: typeof v === 'number' ? v : 7 })} />
          </div>
        </fieldset>
        <StaffingFields queues={queues} settings={settings} onChange={onChange} />
      </div>
      <div className="whatif-form__column">
        <PersonaMix personas={personas} weights={settings.weights} onChange={(weights) => onChange({ weights })} />
      </div>
      <Button type="submit" size="md" loading={running} disabled={running || noCallers || settings.calls < 1}>
        Run {settings.calls.toLocaleString('en')} simulated calls
      </Button>
    </form>
  );
}
