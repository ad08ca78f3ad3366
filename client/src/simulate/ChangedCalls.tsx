import { useState } from 'react';
import { Button } from '@mantine/core';
import type { ChangedCall, SimulatedOutcome } from '@baton/shared';
import { categoryNames } from '../editor/inspector/signalNames.ts';
import { CallDrawer } from './CallDrawer.tsx';

interface ChangedCallsProps {
  runId: string;
  changed: { count: number; calls: ChangedCall[] };
  personaNames: Record<string, string>;
}

/** Rows shown before "Show all", so the list does not bury the page. */
const FIRST_ROWS = 10;

const outcomeNames: Record<SimulatedOutcome, string> = { contained: 'Finished by the AI', handoff: 'Handed to a person', hung_up: 'Hung up' };

function Outcome({ side }: { side: ChangedCall['before'] }) {
  return (
    <>
      {outcomeNames[side.outcome]}
      {side.category && <div className="whatif-hint">{categoryNames[side.category]}</div>}
    </>
  );
}

/** The callers whose call ended differently after the change; each opens the call as it went on both versions. */
export function ChangedCalls({ runId, changed, personaNames }: ChangedCallsProps) {
  const [open, setOpen] = useState<number | null>(null);
  const [all, setAll] = useState(false);
  const shown = all ? changed.calls : changed.calls.slice(0, FIRST_ROWS);
  return (
    <section className="panel" aria-labelledby="changed-title">
      <h2 id="changed-title" className="whatif-h2">
        Calls that ended differently ({changed.count.toLocaleString('en')})
      </h2>
      {changed.count === 0 ? (
        <p className="whatif-hint">Every caller's call ended the same way on both versions.</p>
      ) : (
        <>
          <p className="whatif-hint">The same caller, saying the same things, got a different ending. Open a call to read it on both versions.</p>
          <table className="whatif-table whatif-changed" aria-label="Calls that ended differently">
            <thead>
              <tr>
                <th scope="col">Call</th>
                <th scope="col">Caller</th>
                <th scope="col">Before</th>
                <th scope="col">After</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((c) => (
                <tr key={c.index}>
                  <td>
                    <Button variant="light" size="compact-sm" onClick={() => setOpen(c.index)}>
                      Call {c.index + 1}
                    </Button>
                  </td>
                  <td>{c.realCall ? `Real call, ${new Date(c.realCall.startedAt).toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })}` : (personaNames[c.persona] ?? c.persona)}</td>
                  <td>
                    <Outcome side={c.before} />
                  </td>
                  <td>
                    <Outcome side={c.after} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {!all && changed.calls.length > FIRST_ROWS && (
            <Button variant="subtle" mt="sm" onClick={() => setAll(true)}>
              Show all {changed.calls.length} listed calls
            </Button>
          )}
          {changed.calls.length < changed.count && (
            <p className="whatif-hint">
              The report lists the first {changed.calls.length} of the {changed.count.toLocaleString('en')} calls that changed.
            </p>
          )}
        </>
      )}
      <CallDrawer runId={runId} index={open} onClose={() => setOpen(null)} />
    </section>
  );
}
