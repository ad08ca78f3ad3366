import type { HandoffPacket } from '@baton/shared';
import { useId } from 'react';
import { categoryNames } from '../editor/inspector/signalNames.ts';

/** The briefing exactly as the agent who takes the call gets it: in the test console, and on the agent desk. */
export function BriefingCard({ packet, title = 'What the agent will see' }: { packet: HandoffPacket; title?: string }) {
  const titleId = useId();
  const slots = Object.entries(packet.slots);
  return (
    <section className="packet" aria-labelledby={titleId}>
      <h3 id={titleId}>{title}</h3>
      <dl className="packet__facts">
        <dt>Why</dt>
        <dd>
          <strong>{categoryNames[packet.reason.category]}</strong> — {packet.reason.explanation}
          {packet.reason.alsoHeld?.map((other) => (
            <div key={other.triggerId ?? other.signal} className="packet__also">
              Also: {categoryNames[other.category].toLowerCase()} — {other.explanation}
            </div>
          ))}
        </dd>
        <dt>Summary</dt>
        <dd className="packet__summary">{packet.summary}</dd>
        <dt>Wants</dt>
        <dd>{packet.intents.length ? [...new Set(packet.intents.map((i) => i.name.replaceAll('_', ' ')))].join(', ') : 'Not recognised'}</dd>
        <dt>Collected</dt>
        <dd>{slots.length ? slots.map(([name, value]) => `${name}: ${String(value)}`).join('; ') : 'Nothing yet'}</dd>
        <dt>Mood, turn by turn</dt>
        <dd>{packet.sentimentTrend.length ? packet.sentimentTrend.map((v) => (v > 0 ? `+${v.toFixed(1)}` : v.toFixed(1))).join(' → ') : 'No caller turns'}</dd>
        <dt>Already tried</dt>
        <dd>
          {packet.stepsTried.length ? (
            <ol className="packet__steps">
              {packet.stepsTried.map((s, i) => (
                <li key={i}>
                  {s.label} — {s.outcome.replaceAll('_', ' ')}
                </li>
              ))}
            </ol>
          ) : (
            'Nothing'
          )}
        </dd>
      </dl>
      <details>
        <summary>Transcript ({packet.transcript.length} lines)</summary>
        <ol className="packet__transcript">
          {packet.transcript.map((line, i) => (
            <li key={i}>
              <strong>{line.from === 'caller' ? 'Caller' : 'AI'}:</strong> {line.text}
            </li>
          ))}
        </ol>
      </details>
      <details>
        <summary>As data (what an outbound webhook or a transfer carries)</summary>
        <pre className="packet__data">{JSON.stringify(packet, null, 2)}</pre>
      </details>
    </section>
  );
}
