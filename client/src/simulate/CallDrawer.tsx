import { Drawer } from '@mantine/core';
import type { SimulatedCall } from '@baton/shared';
import { useApi } from '../api/useApi.ts';
import { fetchSimulatedCall } from './simulationApi.ts';
import { categoryNames } from '../editor/inspector/signalNames.ts';

const endings: Record<SimulatedCall['result']['outcome'], string> = {
  contained: 'Finished by the AI',
  handoff: 'Handed to a person',
  hung_up: 'The caller hung up on the AI',
};

interface CallDrawerProps {
  runId: string;
  /** The call to show; null: closed. */
  index: number | null;
  onClose(): void;
}

/** One simulated caller's call as it went after the change, and before it when the run compared two versions. */
export function CallDrawer({ runId, index, onClose }: CallDrawerProps) {
  return (
    <Drawer opened={index !== null} onClose={onClose} position="right" size="xl" title={index === null ? '' : `Call ${index + 1}`}>
      {index !== null && <CallDetail key={index} runId={runId} index={index} />}
    </Drawer>
  );
}

function CallDetail({ runId, index }: { runId: string; index: number }) {
  const call = useApi((signal) => fetchSimulatedCall(runId, index, signal), `${runId}-${index}`);
  if (call.status === 'loading') return <p role="status">Replaying the call…</p>;
  if (call.status === 'error') return <p className="whatif-error" role="alert">Could not replay the call: {call.message}. Run the simulation again, then open the call.</p>;
  const { call: after, baseline } = call.data;
  const real = after.realCall;
  return (
    <div className="whatif-calls">
      {real && (
        <p className="whatif-real-call">
          A real call{real.phone ? ` from ${real.phone}` : ''} on {new Date(real.startedAt).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}, version {real.flowVersion}.
          Really: {endings[real.happened.outcome]}
          {real.happened.category ? ` (${categoryNames[real.happened.category]})` : ''}.
        </p>
      )}
      {baseline && <Transcript title="Before" call={baseline} />}
      <Transcript title={baseline ? 'After' : 'The call'} call={after} />
    </div>
  );
}

function Transcript({ title, call }: { title: string; call: SimulatedCall }) {
  return (
    <section aria-label={`${title}: transcript`} className="whatif-transcript">
      <h3>{title}</h3>
      <p className="whatif-transcript__ending">{endings[call.result.outcome]}</p>
      <p className="whatif-hint">
        {call.personaName}
        {call.handoffExplanation ? ` · ${call.handoffExplanation}` : ''}
        {call.queue ? ` · ${call.queue.answered ? `answered after ${Math.round(call.queue.waitSeconds)} s` : `hung up after waiting ${Math.round(call.queue.waitSeconds)} s`}` : ''}
      </p>
      <ol className="whatif-transcript__turns">
        {call.transcript.map((entry, i) => (
          <li key={i} className={`whatif-turn whatif-turn--${entry.from}`}>
            <span className="whatif-turn__who">{entry.from === 'ai' ? 'AI' : 'Caller'}</span>
            <span>{entry.text}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
