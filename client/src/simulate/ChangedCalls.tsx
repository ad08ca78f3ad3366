import { useState } from 'react';
import { Button } from '@mantine/core';
import type { CallChange, ChangedCall, SimulatedOutcome } from '@baton/shared';
import { categoryNames } from '../editor/inspector/signalNames.ts';
import { CallDrawer } from './CallDrawer.tsx';

interface ChangedCallsProps {
  runId: string;
  changed: { count: number; byChange: Record<CallChange, number>; calls: ChangedCall[] };
  personaNames: Record<string, string>;
}

/** Rows shown before "Show all", so the list does not bury the page. */
const FIRST_ROWS = 10;

const outcomeNames: Record<SimulatedOutcome, string> = { contained: 'Finished by the AI', handoff: 'Handed to a person', hung_up: 'Hung up' };

/** How a call changed, in a few words; the counts above the table use the same names. */
const changeNames: Record<CallChange, string> = {
  newly_handed_over: 'Now handed to a person',
  no_longer_handed_over: 'No longer handed to a person',
  other_reason: 'Handed over for another reason',
  earlier: 'Handed over sooner',
  later: 'Handed over later',
  other_ending: 'Ended another way',
};

function Outcome({ side }: { side: ChangedCall['before'] }) {
  return (
    <>
      {outcomeNames[side.outcome]}
      <div className="whatif-hint">
        {side.category ? `${categoryNames[side.category]}, ` : ''}after {side.turns} caller {side.turns === 1 ? 'turn' : 'turns'}
      </div>
    </>
  );
}

/** The callers whose call ended differently, or went to a person for another reason or at another turn, after the change; each opens the call as it went on both versions. */
export function ChangedCalls({ runId, changed, personaNames }: ChangedCallsProps) {
  const [open, setOpen] = useState<number | null>(null);
  const [all, setAll] = useState(false);
  const shown = all ? changed.calls : changed.calls.slice(0, FIRST_ROWS);
  return (
    <section className="panel" aria-labelledby="changed-title">
      <h2 id="changed-title" className="whatif-h2">
        Calls that changed ({changed.count.toLocaleString('en')})
      </h2>
      {changed.count === 0 ? (
        <p className="whatif-hint">Every caller's call ended the same way on both versions.</p>
      ) : (
        <>
          <p className="whatif-hint">
            The same caller, saying the same things, got a different ending, went to a person for another reason, or sooner or later. Open a call to
            read it on both versions.
          </p>
          <ul className="whatif-change-counts" aria-label="How the calls changed">
            {(Object.keys(changeNames) as CallChange[])
              .filter((change) => changed.byChange[change] > 0)
              .map((change) => (
                <li key={change}>
                  {changeNames[change]}: <strong>{changed.byChange[change].toLocaleString('en')}</strong>
                </li>
              ))}
          </ul>
          <table className="whatif-table whatif-changed" aria-label="Calls that changed">
            <thead>
              <tr>
                <th scope="col">Call</th>
                <th scope="col">Caller</th>
                <th scope="col">What changed</th>
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
                  <td>{changeNames[c.change]}</td>
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
