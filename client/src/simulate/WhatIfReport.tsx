import { useState } from 'react';
import { Button } from '@mantine/core';
import type { SimulationRun } from '@baton/shared';
import { categoryNames, signalNames } from '../editor/inspector/signalNames.ts';
import { CallDrawer } from './CallDrawer.tsx';
import { CallsBehind } from './CallsBehind.tsx';
import { ChangedCalls } from './ChangedCalls.tsx';
import { ComparisonTable } from './ComparisonTable.tsx';
import { HandoffBreakdowns } from './HandoffBreakdowns.tsx';
import { HandoffChart } from './HandoffChart.tsx';
import { versionLabel } from './whatIfSettings.ts';

interface WhatIfReportProps {
  run: SimulationRun;
  publishedVersion: number | null;
  personaNames: Record<string, string>;
  nodeLabels: Record<string, string>;
}

const day = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short' });

/** Whether the replay can be trusted: calls replayed on the version they really ran on should end as they did. */
function ReplayCheck({ replay, replayed, checkedLabel, onShowCalls }: { replay: NonNullable<SimulationRun['replay']>; replayed: number; checkedLabel: string; onShowCalls(title: string, calls: number[]): void }) {
  const { checked, same, differed } = replay.reproduction;
  return (
    <div className={`notice${checked > 0 && same < checked ? ' notice--warning' : ''}`} role="status">
      {replay.found > replayed && <p>The newest {replayed.toLocaleString('en')} of the period's {replay.found.toLocaleString('en')} calls.</p>}
      {checked === 0 ? (
        <p>None of these calls ran on {checkedLabel}, so the replay could not be checked against how they really went.</p>
      ) : (
        <p>
          Replayed on {checkedLabel}, {same.toLocaleString('en')} of the {checked.toLocaleString('en')} calls that ran on it ended as they really did.
          {same < checked && ' The others ended differently, most likely because the callers answered questions the replay cannot ask again, or the language model answered differently; read their figures with care.'}
        </p>
      )}
      {differed.length > 0 && (
        <Button variant="light" size="compact-sm" onClick={() => onShowCalls('ended differently from how they really went', differed)}>
          Show the calls that ended differently
        </Button>
      )}
    </div>
  );
}

/** Which words simulated callers took from real calls, so the analyst knows how real the callers' language was. */
function RealPhrasingNote({ realPhrasing }: { realPhrasing: NonNullable<SimulationRun['realPhrasing']> }) {
  const taken = realPhrasing.intents.filter((i) => i.phrases > 0);
  const phrases = taken.reduce((sum, i) => sum + i.phrases, 0);
  const period = `from ${day(realPhrasing.from)} to ${day(realPhrasing.to)}`;
  return (
    <p className="notice" role="status">
      {taken.length === 0
        ? `No real call ${period} said any of the things these personas want, so callers used the personas' own words only.`
        : `Callers also used ${phrases} ${phrases === 1 ? 'phrase' : 'phrases'} real callers said ${period}, for ${taken.map((i) => `"${i.intent}" (${i.phrases})`).join(', ')}.`}
    </p>
  );
}

const signalLabels: Record<string, string> = { ...signalNames, rule: 'A custom rule' };
const label = (v: SimulationRun['request']['version'], published: number | null) => versionLabel(v === undefined ? 'draft' : String(v), published);

/** A finished run: headline figures side by side, handoffs by reason, and the calls that changed. */
export function WhatIfReport({ run, publishedVersion, personaNames, nodeLabels }: WhatIfReportProps) {
  const [behind, setBehind] = useState<{ title: string; calls: number[] } | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const showCalls = (title: string, calls: number[]) => setBehind({ title, calls });
  const after = run.report!;
  const before = run.comparison?.baseline ?? null;
  const afterLabel = label(run.request.version, publishedVersion);
  const beforeLabel = run.request.compareWith === undefined ? '' : label(run.request.compareWith, publishedVersion);
  const charts = { after: afterLabel, before: beforeLabel, calls: after.calls };
  return (
    <section className="whatif-report" aria-labelledby="report-title">
      <h2 id="report-title" className="whatif-h2">
        {before ? `${beforeLabel} → ${afterLabel}` : afterLabel}:{' '}
        {run.replay ? `${after.calls.toLocaleString('en')} real calls from ${day(run.replay.from)} to ${day(run.replay.to)}, replayed` : `${after.calls.toLocaleString('en')} simulated calls, seed ${after.seed}`}
      </h2>
      {run.realPhrasing && <RealPhrasingNote realPhrasing={run.realPhrasing} />}
      {run.replay && <ReplayCheck replay={run.replay} replayed={after.calls} checkedLabel={beforeLabel || afterLabel} onShowCalls={showCalls} />}
      <ComparisonTable after={after} before={before} ranges={run.comparison?.ranges ?? null} afterLabel={afterLabel} beforeLabel={beforeLabel} onShowCalls={showCalls} />
      {behind && <CallsBehind title={behind.title} calls={behind.calls} onOpen={setOpen} onClose={() => setBehind(null)} />}
      <div className="whatif-charts">
        <HandoffChart title="Handoffs by reason (share of all calls)" names={categoryNames} after={after.handoffsByCategory} before={before?.handoffsByCategory ?? null} calls={charts.calls} afterLabel={charts.after} beforeLabel={charts.before} />
        <HandoffChart title="Handoffs by signal (share of all calls)" names={signalLabels} after={after.handoffsBySignal} before={before?.handoffsBySignal ?? null} calls={charts.calls} afterLabel={charts.after} beforeLabel={charts.before} />
      </div>
      <HandoffBreakdowns after={after} before={before} afterLabel={afterLabel} beforeLabel={beforeLabel} nodeLabels={nodeLabels} onShowCalls={showCalls} />
      <CallDrawer runId={run.id} index={open} onClose={() => setOpen(null)} />
      {run.comparison && <ChangedCalls runId={run.id} changed={run.comparison.changedCalls} personaNames={personaNames} />}
    </section>
  );
}
