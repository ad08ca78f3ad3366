import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { BreakdownRow } from '@baton/shared';

interface HandoffChartProps {
  title: string;
  /** Readable name of each key (a category or a signal). */
  names: Record<string, string>;
  after: BreakdownRow[];
  before: BreakdownRow[] | null;
  calls: number;
  afterLabel: string;
  beforeLabel: string;
}

const percentOfCalls = (rows: BreakdownRow[] | null, key: string, calls: number) => {
  const row = rows?.find((r) => r.key === key);
  return row ? Math.round((row.count / calls) * 1000) / 10 : 0;
};

/** Handoffs by one breakdown (category or signal), as a share of all calls, both versions grouped. */
export function HandoffChart({ title, names, after, before, calls, afterLabel, beforeLabel }: HandoffChartProps) {
  const keys = [...new Set([...(before ?? []).map((r) => r.key), ...after.map((r) => r.key)])];
  const data = keys.map((key) => ({
    name: names[key] ?? key,
    before: percentOfCalls(before, key, calls),
    after: percentOfCalls(after, key, calls),
  }));
  return (
    <figure className="panel whatif-chart">
      <figcaption>{title}</figcaption>
      {data.length === 0 ? (
        <p className="whatif-hint">No call was handed to a person.</p>
      ) : (
        <ResponsiveContainer width="100%" height={90 + data.length * 52}>
          <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" unit="%" tick={{ fontSize: 12 }} />
            <YAxis type="category" dataKey="name" interval={0} tick={{ fontSize: 12 }} width={180} />
            <Tooltip formatter={(value) => `${String(value)}% of calls`} />
            <Legend itemSorter={null} />
            {before && <Bar dataKey="before" name={`Before: ${beforeLabel}`} fill="#9aa6b8" isAnimationActive={false} />}
            <Bar dataKey="after" name={`After: ${afterLabel}`} fill="#2f4bd8" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}
