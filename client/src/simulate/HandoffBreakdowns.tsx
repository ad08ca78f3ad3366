import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { BreakdownRow, SimulationReport } from '@baton/shared';

interface HandoffBreakdownsProps {
  after: SimulationReport;
  before: SimulationReport | null;
  afterLabel: string;
  beforeLabel: string;
  /** The flow's own names for its steps, by node id. */
  nodeLabels: Record<string, string>;
  onShowCalls(title: string, calls: number[]): void;
}

const share = (row: BreakdownRow | undefined) => (row ? `${row.count} (${(row.rate * 100).toFixed(1)}%)` : '0');

/** Where in the flow calls went to a person (the trigger or transfer step), and after how many caller turns. */
export function HandoffBreakdowns({ after, before, afterLabel, beforeLabel, nodeLabels, onShowCalls }: HandoffBreakdownsProps) {
  const nodes = [...new Set([...(before?.handoffsByNode ?? []).map((r) => r.key), ...after.handoffsByNode.map((r) => r.key)])];
  const turns = [...new Set([...(before?.turnsBeforeHandoff.distribution ?? []).map((d) => d.turns), ...after.turnsBeforeHandoff.distribution.map((d) => d.turns)])].sort((a, b) => a - b);
  const countAt = (r: SimulationReport | null, n: number) => r?.turnsBeforeHandoff.distribution.find((d) => d.turns === n)?.count ?? 0;
  const turnData = turns.map((n) => ({ name: `${n} turn${n === 1 ? '' : 's'}`, before: countAt(before, n), after: countAt(after, n) }));
  const cell = (row: BreakdownRow | undefined, label: string, name: string) =>
    row?.calls.length ? (
      <button type="button" className="whatif-figure" onClick={() => onShowCalls(`${name} — ${label}`, row.calls)} title="See the calls behind this figure">
        {share(row)}
      </button>
    ) : (
      share(row)
    );
  return (
    <div className="whatif-charts">
      <div className="panel">
        <h3 className="whatif-h3">Where calls were handed to a person</h3>
        <p className="whatif-hint">The step that sent each call to a person, and its share of all handoffs.</p>
        {nodes.length === 0 ? (
          <p className="whatif-hint">No call was handed to a person.</p>
        ) : (
          <table className="whatif-table" aria-label="Handoffs by step">
            <thead>
              <tr>
                <th scope="col">Step</th>
                {before && <th scope="col">Before</th>}
                <th scope="col">{before ? 'After' : 'Handoffs'}</th>
              </tr>
            </thead>
            <tbody>
              {nodes.map((id) => {
                const name = nodeLabels[id] ?? id;
                return (
                  <tr key={id}>
                    <th scope="row">{name}</th>
                    {before && <td className="whatif-table__num">{cell(before.handoffsByNode.find((r) => r.key === id), beforeLabel, name)}</td>}
                    <td className="whatif-table__num">{cell(after.handoffsByNode.find((r) => r.key === id), afterLabel, name)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
      <figure className="panel whatif-chart">
        <figcaption>Caller turns before the handoff (number of calls)</figcaption>
        {turnData.length === 0 ? (
          <p className="whatif-hint">No call was handed to a person.</p>
        ) : (
          <ResponsiveContainer width="100%" height={260}>
            <BarChart data={turnData} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="name" tick={{ fontSize: 12 }} />
              <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
              <Tooltip formatter={(value) => `${String(value)} calls`} />
              <Legend itemSorter={null} />
              {before && <Bar dataKey="before" name={`Before: ${beforeLabel}`} fill="#9aa6b8" isAnimationActive={false} />}
              <Bar dataKey="after" name={`After: ${afterLabel}`} fill="#2f4bd8" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        )}
      </figure>
    </div>
  );
}
