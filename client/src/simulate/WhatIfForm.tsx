import { Button, Checkbox, NumberInput, SegmentedControl, Select, Text } from '@mantine/core';
import type { Persona, QueueConfig } from '@baton/shared';
import { PersonaMix } from './PersonaMix.tsx';
import { StaffingFields } from './StaffingFields.tsx';
import { REAL_PHRASING_DAYS, versionLabel, type WhatIfSettings } from './whatIfSettings.ts';

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
  const real = settings.callers === 'real';
  const noCallers = !real && personas.every((p) => (settings.weights[p.id] ?? 0) <= 0);
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
          <legend>Which callers</legend>
          <SegmentedControl
            aria-label="Which callers"
            value={settings.callers}
            onChange={(v) => onChange({ callers: v as WhatIfSettings['callers'] })}
            data={[
              { value: 'simulated', label: 'Simulated callers' },
              { value: 'real', label: 'Real calls' },
            ]}
          />
          {real ? (
            <div className="whatif-row">
              <NumberInput label="Days back" description="Real calls of this flow that started in the last this many days (1 to 90)." min={1} max={90} value={settings.days} onChange={(v) => onChange({ days: typeof v === 'number' ? v : 7 })} />
              <NumberInput label="At most this many calls" description="The newest ones, when there were more." min={1} max={100000} step={500} thousandSeparator="," value={settings.calls} onChange={(v) => onChange({ calls: typeof v === 'number' ? v : 1000 })} />
            </div>
          ) : (
            <div className="whatif-row">
              <NumberInput label="Number of calls" description="More calls give steadier figures but take longer." min={1} max={100000} step={500} thousandSeparator="," value={settings.calls} onChange={(v) => onChange({ calls: typeof v === 'number' ? v : 1000 })} />
              <NumberInput label="Seed" description="The same number gives the same callers, so two runs can be compared fairly." min={0} max={2147483647} value={settings.seed} onChange={(v) => onChange({ seed: typeof v === 'number' ? v : 7 })} />
            </div>
          )}
          {!real && (
            <Checkbox
              mt="sm"
              label="Callers also use real callers' words"
              description={`For each thing a persona wants, callers also say it the way real callers of this flow did in the last ${REAL_PHRASING_DAYS} days (the most said phrases). Nothing changes where there were no real calls.`}
              checked={settings.realPhrasing}
              onChange={(e) => onChange({ realPhrasing: e.currentTarget.checked })}
            />
          )}
        </fieldset>
        <StaffingFields queues={queues} settings={settings} onChange={onChange} />
      </div>
      <div className="whatif-form__column">
        {real ? (
          <section className="panel" aria-labelledby="real-calls-title">
            <h2 id="real-calls-title" className="whatif-h2">
              Real calls, replayed
            </h2>
            <Text size="sm">
              Each real caller's own words, keys and voice are played again, at the moments they came, through both versions: you see which calls
              would now go to a person sooner, later, for another reason or not at all. What a caller said to an agent or while waiting is not
              replayed. Calls that ran on the version you compare with should end as they really did; the results say how many did.
            </Text>
          </section>
        ) : (
          <PersonaMix personas={personas} weights={settings.weights} onChange={(weights) => onChange({ weights })} />
        )}
      </div>
      <Button type="submit" size="md" loading={running} disabled={running || noCallers || settings.calls < 1}>
        {real ? `Replay the last ${settings.days} ${settings.days === 1 ? "day's" : "days'"} real calls` : `Run ${settings.calls.toLocaleString('en')} simulated calls`}
      </Button>
    </form>
  );
}
