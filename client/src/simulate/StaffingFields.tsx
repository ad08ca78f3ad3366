import { NumberInput } from '@mantine/core';
import type { QueueConfig } from '@baton/shared';
import type { WhatIfSettings } from './whatIfSettings.ts';

interface StaffingFieldsProps {
  queues: QueueConfig[];
  settings: WhatIfSettings;
  onChange(patch: Partial<WhatIfSettings>): void;
}

const num = (v: string | number, fallback: number) => (typeof v === 'number' ? v : fallback);

/** The people behind the flow's queues: how many agents, how long a call takes them, how long callers wait before hanging up. */
export function StaffingFields({ queues, settings, onChange }: StaffingFieldsProps) {
  const setQueue = (id: string, patch: Partial<{ agents: number; ahtSeconds: number }>) =>
    onChange({ queues: { ...settings.queues, [id]: { ...settings.queues[id], ...patch } } });
  return (
    <fieldset className="whatif-fieldset">
      <legend>Who answers</legend>
      <p className="whatif-hint">Calls the AI hands over wait in a queue until an agent is free.</p>
      {queues.length === 0 ? (
        <p className="whatif-hint">This flow has no queues, so every handoff uses 8 agents taking 5 minutes a call.</p>
      ) : (
        <table className="whatif-table">
          <thead>
            <tr>
              <th scope="col">Queue</th>
              <th scope="col">Agents</th>
              <th scope="col">Average handle time (s)</th>
            </tr>
          </thead>
          <tbody>
            {queues.map((q) => (
              <tr key={q.id}>
                <td>{q.name}</td>
                <td className="whatif-table__input">
                  <NumberInput aria-label={`Agents in ${q.name}`} size="xs" min={0} max={10000} value={settings.queues[q.id]?.agents ?? 8} onChange={(v) => setQueue(q.id, { agents: num(v, 0) })} />
                </td>
                <td className="whatif-table__input">
                  <NumberInput aria-label={`Average handle time in ${q.name}, seconds`} size="xs" min={1} max={36000} value={settings.queues[q.id]?.ahtSeconds ?? 300} onChange={(v) => setQueue(q.id, { ahtSeconds: num(v, 300) })} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="whatif-row">
        <NumberInput
          label="Caller patience in queue (seconds)"
          description="On average, callers hang up after waiting this long, in every queue."
          min={1}
          max={36000}
          value={settings.patienceSeconds}
          onChange={(v) => onChange({ patienceSeconds: num(v, 180) })}
        />
        <NumberInput
          label="Calls arriving per 30 minutes"
          description="How busy the line is; more calls mean longer waits."
          min={1}
          max={1000000}
          value={settings.callsPer30Min}
          onChange={(v) => onChange({ callsPer30Min: num(v, 120) })}
        />
      </div>
    </fieldset>
  );
}
