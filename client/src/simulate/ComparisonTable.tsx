import type { RateRanges, SimulationReport } from '@baton/shared';
import { comparisonRows, formatDelta, formatFigure, formatRange } from './comparisonRows.ts';

interface ComparisonTableProps {
  after: SimulationReport;
  before: SimulationReport | null;
  /** How sure each rate's change is (with a comparison). */
  ranges: RateRanges | null;
  afterLabel: string;
  beforeLabel: string;
  /** Shows the simulated calls behind a figure. */
  onShowCalls(title: string, calls: number[]): void;
}

const arrows = { up: '▲', down: '▼', same: '=' } as const;

/** A figure that counts calls is a button: it lists the calls behind it. */
function Figure({ text, calls, onShow }: { text: string; calls: number[] | null; onShow(calls: number[]): void }) {
  if (!calls?.length) return <>{text}</>;
  return (
    <button type="button" className="whatif-figure" onClick={() => onShow(calls)} title="See the calls behind this figure">
      {text}
    </button>
  );
}

/** The headline figures of both versions side by side, with the change named but not judged. */
export function ComparisonTable({ after, before, ranges, afterLabel, beforeLabel, onShowCalls }: ComparisonTableProps) {
  return (
    <div className="table-card">
      <table className="whatif-table whatif-table--report" aria-label="Figures by version">
        <thead>
          <tr>
            <th scope="col">Figure</th>
            {before && <th scope="col">Before: {beforeLabel}</th>}
            <th scope="col">After: {afterLabel}</th>
            {before && <th scope="col">Change</th>}
          </tr>
        </thead>
        <tbody>
          {comparisonRows(after, before, ranges).map((row) => {
            const delta = row.before === null ? null : formatDelta(row.before, row.after, row.unit);
            const range = formatRange(row.range);
            return (
              <tr key={row.label}>
                <th scope="row">
                  {row.label}
                  <div className="whatif-hint">{row.hint}</div>
                </th>
                {row.before !== null && (
                  <td className="whatif-table__num">
                    <Figure text={formatFigure(row.before, row.unit)} calls={row.callsBefore} onShow={(calls) => onShowCalls(`${row.label} — ${beforeLabel}`, calls)} />
                  </td>
                )}
                <td className="whatif-table__num">
                  <Figure text={formatFigure(row.after, row.unit)} calls={row.callsAfter} onShow={(calls) => onShowCalls(`${row.label} — ${afterLabel}`, calls)} />
                </td>
                {delta && (
                  <td className={`whatif-table__num whatif-delta whatif-delta--${delta.direction}`}>
                    <span aria-hidden="true">{arrows[delta.direction]} </span>
                    {delta.text}
                    {range && <div className={`whatif-hint${range.clear ? '' : ' whatif-hint--chance'}`}>{range.text}</div>}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {ranges && (
        <p className="whatif-hint whatif-table__note">
          Under each change of a rate: where it lies in 95 of 100 resamplings of these same calls. "Could be chance" means the range holds no change at
          all: more calls, or a larger change, would settle it.
        </p>
      )}
    </div>
  );
}
