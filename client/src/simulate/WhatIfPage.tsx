import { useState } from 'react';
import { REAL_CALLER, type Persona } from '@baton/shared';
import { fetchFlow, type FlowDraft } from '../api/fetchFlow.ts';
import { useApi } from '../api/useApi.ts';
import { flowPath } from '../matchRoute.ts';
import { RunProgress } from './RunProgress.tsx';
import { fetchPersonas } from '../personas/personasApi.ts';
import { useSimulationRun } from './useSimulationRun.ts';
import { WhatIfForm } from './WhatIfForm.tsx';
import { WhatIfReport } from './WhatIfReport.tsx';
import { defaultSettings, toRequest, type WhatIfSettings } from './whatIfSettings.ts';
import './whatIf.css';
import { nodeLabel } from '../nodeLabel.ts';

/** The analyst's page: run the same simulated callers through two versions of a flow and see what changes. */
export function WhatIfPage({ flowId }: { flowId: string }) {
  const data = useApi((signal) => Promise.all([fetchFlow(flowId, signal), fetchPersonas(signal)]), `what-if-${flowId}`);
  return (
    <section aria-labelledby="whatif-title">
      <div className="page-heading">
        <a href={flowPath(flowId)}>
          <span aria-hidden="true">← </span>Back to the flow
        </a>
        <h1 id="whatif-title">What if…{data.status === 'ready' ? ` ${data.data[0].name}` : ''}</h1>
        <p className="page-heading__lead">
          Send the same callers — simulated ones, or last week's real calls — through two versions of this flow and see what changes: how
          many calls the AI finishes, how many go to a person and why, and how long they wait.
        </p>
      </div>
      {data.status === 'loading' && (
        <p className="notice" role="status">
          Loading the flow and the callers…
        </p>
      )}
      {data.status === 'error' && (
        <div className="notice notice--error" role="alert">
          <p>Could not load the flow: {data.message}. Check the address, or go back to all flows and open it from there.</p>
        </div>
      )}
      {data.status === 'ready' && <WhatIfWorkspace flow={data.data[0]} personas={data.data[1]} />}
    </section>
  );
}

function WhatIfWorkspace({ flow, personas }: { flow: FlowDraft; personas: Persona[] }) {
  const publishedVersion = flow.publishedVersion ?? null;
  const nodeLabels = Object.fromEntries(flow.nodes.map((n) => [n.id, nodeLabel(n)]));
  const queues = flow.settings?.queues ?? [];
  const [settings, setSettings] = useState<WhatIfSettings>(() => defaultSettings(publishedVersion, personas, queues));
  const { state, start, cancel } = useSimulationRun();
  const personaNames = { ...Object.fromEntries(personas.map((p) => [p.id, p.name])), [REAL_CALLER]: 'Real caller' };
  const busy = state.status === 'starting' || state.status === 'running';
  return (
    <div className="whatif-layout">
      <WhatIfForm
        publishedVersion={publishedVersion}
        personas={personas}
        queues={queues}
        settings={settings}
        running={busy}
        onChange={(patch) => setSettings((s) => ({ ...s, ...patch }))}
        onRun={() => void start(toRequest(flow.id, settings, personas))}
      />
      <div className="whatif-results" aria-live="polite">
        {state.status === 'idle' && <p className="notice notice--empty">Choose what to compare and which callers, then run them. The results appear here.</p>}
        {state.status === 'starting' && (
          <p className="notice" role="status">
            {settings.callers === 'real' ? `Replaying the last ${settings.days} days' real calls…` : `Simulating ${settings.calls.toLocaleString('en')} calls…`}
          </p>
        )}
        {state.status === 'running' && <RunProgress done={state.run.progress.done} total={state.run.progress.total} onCancel={() => void cancel()} />}
        {state.status === 'cancelled' && <p className="notice" role="status">The run was cancelled. Change the settings or run it again.</p>}
        {state.status === 'error' && (
          <div className="notice notice--error" role="alert">
            <p>{state.message}</p>
            {state.issues.length > 0 && (
              <ul>
                {state.issues.map((issue, i) => (
                  <li key={i}>{issue}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        {state.status === 'done' && <WhatIfReport run={state.run} publishedVersion={publishedVersion} personaNames={personaNames} nodeLabels={nodeLabels} />}
      </div>
    </div>
  );
}
