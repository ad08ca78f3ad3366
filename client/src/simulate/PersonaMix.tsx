import { NumberInput } from '@mantine/core';
import type { Persona } from '@baton/shared';

interface PersonaMixProps {
  personas: Persona[];
  weights: Record<string, number>;
  onChange(weights: Record<string, number>): void;
}

/** Which kinds of caller ring in, and how often: each persona's weight for this run only. */
export function PersonaMix({ personas, weights, onChange }: PersonaMixProps) {
  const total = personas.reduce((sum, p) => sum + (weights[p.id] ?? 0), 0);
  return (
    <fieldset className="whatif-fieldset">
      <legend>Who calls</legend>
      <p className="whatif-hint">
        The simulated callers are a mix of these kinds of caller. A bigger weight means more of them; 0 leaves them out. Changes here
        apply to this run only.
      </p>
      <table className="whatif-table">
        <thead>
          <tr>
            <th scope="col">Caller</th>
            <th scope="col">Weight</th>
            <th scope="col">Share</th>
          </tr>
        </thead>
        <tbody>
          {personas.map((p) => {
            const weight = weights[p.id] ?? 0;
            return (
              <tr key={p.id}>
                <td>
                  <strong>{p.name}</strong>
                  {p.description && <div className="whatif-hint">{p.description}</div>}
                </td>
                <td className="whatif-table__input">
                  <NumberInput
                    aria-label={`Weight of ${p.name}`}
                    value={weight}
                    min={0}
                    max={1000}
                    size="xs"
                    onChange={(v) => onChange({ ...weights, [p.id]: typeof v === 'number' ? v : 0 })}
                  />
                </td>
                <td className="whatif-table__num">{total > 0 ? `${Math.round((weight / total) * 100)}%` : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {total === 0 && <p className="whatif-error">Give at least one kind of caller a weight above 0.</p>}
    </fieldset>
  );
}
