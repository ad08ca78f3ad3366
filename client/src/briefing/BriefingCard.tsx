import type { EarlierCall, HandoffPacket, RecognisedIntent, SlotValue } from '@baton/shared';
import { useId } from 'react';
import { categoryNames } from '../editor/inspector/signalNames.ts';

/** A value's name as a person reads it: "refund_amount" → "Refund amount". */
const label = (name: string) => {
  const words = name.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

const valueText = (value: SlotValue) => (typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value));

/** Intents heard, each once; one the AI was unsure of is shown as a guess with how sure it was. */
function wants(intents: RecognisedIntent[]): string {
  const best = new Map<string, number>();
  for (const i of intents) best.set(i.name, Math.max(best.get(i.name) ?? 0, i.confidence));
  return [...best].map(([name, confidence]) => (confidence < UNSURE ? `${label(name).toLowerCase()} (a guess, ${Math.round(confidence * 100)}% sure)` : label(name).toLowerCase())).join(', ');
}
const UNSURE = 0.7;

/** The explanation after the category's name, which often opens it ("The caller asked for a person: …"): said once. */
function withoutLead(explanation: string, name: string): string {
  const rest = explanation.toLowerCase().startsWith(name.toLowerCase()) ? explanation.slice(name.length).replace(/^[\s:—-]+/, '') : explanation;
  return rest ? ` — ${rest}` : '';
}

const ENDINGS: Record<string, string> = {
  resolved: 'resolved',
  transferred: 'went to a person',
  callback: 'call back booked',
  abandoned: 'the caller hung up',
  abandoned_in_queue: 'the caller hung up while waiting',
  ended_by_agent: 'ended by the agent',
  ended_by_caller: 'the caller hung up after talking to the agent',
  error: 'ended by an error',
};

/** One earlier call in a line: when, why it went to a person (if it did), how it ended, and the caller's score. */
function earlierCall(call: EarlierCall): string {
  const when = new Date(call.startedAt).toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  const why = call.handoff ? `handed over: ${categoryNames[call.handoff.category].toLowerCase()}` : 'the assistant only';
  const ending = ENDINGS[call.disposition] ?? call.disposition.replaceAll('_', ' ');
  const score = call.surveyScore ? `; scored the call ${call.surveyScore} of 5` : '';
  return `${when} — ${why}; ${ending}${score}`;
}

/** What the caller was last told about the handover (the transparency message, with any wait they heard). */
function told(packet: HandoffPacket): string | undefined {
  return packet.transcript.findLast((line) => line.from === 'ai' && line.purpose === 'transparency')?.text;
}

/**
 * The briefing exactly as the agent who takes the call gets it: in the test console, and on the agent desk. Each fact
 * once: who is calling, why the call came, what the caller was told, what they want and what was collected.
 */
export function BriefingCard({ packet, title = 'What the agent will see' }: { packet: HandoffPacket; title?: string }) {
  const titleId = useId();
  const slots = Object.entries(packet.slots);
  const caller = [packet.caller.name?.trim(), packet.caller.phone?.trim()].filter(Boolean).join(', ');
  const toldCaller = told(packet);
  return (
    <section className="packet" aria-labelledby={titleId}>
      <h3 id={titleId}>{title}</h3>
      <dl className="packet__facts">
        <dt>Caller</dt>
        <dd>{caller || 'Not known'}</dd>
        {packet.transferredBy && (
          <>
            <dt>Sent on by</dt>
            <dd>
              {packet.transferredBy.agentName}
              {packet.transferredBy.note ? `: “${packet.transferredBy.note}”` : ''}
            </dd>
          </>
        )}
        {packet.callerDetails && (
          <>
            <dt>From your records</dt>
            <dd>
              {Object.entries(packet.callerDetails)
                .map(([name, value]) => `${label(name)}: ${valueText(value)}`)
                .join('; ')}
            </dd>
          </>
        )}
        {packet.earlierCalls && packet.earlierCalls.length > 0 && (
          <>
            <dt>Called before</dt>
            <dd>
              <ul className="packet__earlier">
                {packet.earlierCalls.map((call) => (
                  <li key={call.callId}>{earlierCall(call)}</li>
                ))}
              </ul>
            </dd>
          </>
        )}
        <dt>Why</dt>
        <dd>
          <strong>{categoryNames[packet.reason.category]}</strong>
          {withoutLead(packet.reason.explanation, categoryNames[packet.reason.category])}
          {packet.reason.alsoHeld?.map((other) => (
            <div key={other.triggerId ?? other.signal} className="packet__also">
              Also: {categoryNames[other.category].toLowerCase()} — {other.explanation}
            </div>
          ))}
        </dd>
        <dt>Told</dt>
        <dd>{toldCaller ? `“${toldCaller}”` : 'Nothing about the handover yet'}</dd>
        {packet.summaryBy === 'model' && (
          <>
            <dt>Summary</dt>
            <dd className="packet__summary">{packet.summary}</dd>
          </>
        )}
        <dt>Wants</dt>
        <dd>{packet.intents.length ? wants(packet.intents) : 'Not recognised'}</dd>
        <dt>Collected</dt>
        <dd>{slots.length ? slots.map(([name, value]) => `${label(name)}: ${valueText(value)}`).join('; ') : 'Nothing yet'}</dd>
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
