import type { SimulationRun } from '@baton/shared';
import { categoryNames, signalNames } from '../editor/inspector/signalNames.ts';
import { ChangedCalls } from './ChangedCalls.tsx';
import { ComparisonTable } from './ComparisonTable.tsx';
import { HandoffChart } from './HandoffChart.tsx';
import { versionLabel } from './whatIfSettings.ts';

interface WhatIfReportProps {
  run: SimulationRun;
  publishedVersion: number | null;
  personaNames: Record<string, string>;
}

const signalLabels: Record<string, string> = { ...signalNames, rule: 'A custom rule' };
const label = (v: SimulationRun['request']['version'], published: number | null) => versionLabel(v === undefined ? 'draft' : String(v), published);

/** A finished run: headline figures side by side, handoffs by reason, and the calls that changed. */
export function WhatIfReport({ run, publishedVersion, personaNames }: WhatIfReportProps) {
  const after = run.report!;
  const before = run.comparison?.baseline ?? null;
  const afterLabel = label(run.request.version, publishedVersion);
  const beforeLabel = run.request.compareWith === undefined ? '' : label(run.request.compareWith, publishedVersion);
  const charts = { after: afterLabel, before: beforeLabel, calls: after.calls };
  return (
    <section className="whatif-report" aria-labelledby="report-title">
      <h2 id="report-title" className="whatif-h2">
        {before ? `${beforeLabel} → ${afterLabel}` : afterLabel}: {after.calls.toLocaleString('en')} simulated calls, seed {after.seed}
      </h2>
      <ComparisonTable after={after} before={before} afterLabel={afterLabel} beforeLabel={beforeLabel} />
      <div className="whatif-charts">
        <HandoffChart title="Handoffs by reason (share of all calls)" names={categoryNames} after={after.handoffsByCategory} before={before?.handoffsByCategory ?? null} calls={charts.calls} afterLabel={charts.after} beforeLabel={charts.before} />
        <HandoffChart title="Handoffs by signal (share of all calls)" names={signalLabels} after={after.handoffsBySignal} before={before?.handoffsBySignal ?? null} calls={charts.calls} afterLabel={charts.after} beforeLabel={charts.before} />
      </div>
      {run.comparison && <ChangedCalls runId={run.id} changed={run.comparison.changedCalls} personaNames={personaNames} />}
    </section>
  );
}
