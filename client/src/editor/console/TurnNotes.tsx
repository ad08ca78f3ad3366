import { intentLabel, type HandoffReason, type IntentDefinition, type TurnSignals } from '@baton/shared';
import { categoryNames } from '../inspector/signalNames.ts';
import { useEditorStore } from '../store/editorStore.ts';
import type { EditorNode } from '../store/types.ts';

const percent = (n: number) => `${Math.round(n * 100)}%`;
/** Below this, a learned reading is not worth a line. */
const NOTED = 0.2;
const quoted = (words: readonly string[]) => (words.length ? ` from "${words.join('", "')}"` : '');
const signed = (n: number, digits = 2) => (n > 0 ? `+${n.toFixed(digits)}` : n.toFixed(digits));

/** The name people gave an intent of the flow's AI steps, found by its id. */
function intentNamed(nodes: EditorNode[], id: string | null | undefined): string | null {
  if (!id) return null;
  for (const node of nodes) {
    if (node.type !== 'ai') continue;
    const found = (node.data.intents as IntentDefinition[] | undefined)?.find((i) => i.name === id);
    if (found) return intentLabel(found);
  }
  return id.replaceAll('_', ' ');
}

interface TurnNotesProps {
  signals: TurnSignals | null;
  intent: { name: string; confidence: number } | null;
  handoff: HandoffReason | null;
}

/** What Baton noticed on one caller turn of the editor's test call, intents by the names the flow gives them. */
export function TurnNotes(props: TurnNotesProps) {
  const understood = useEditorStore((s) => intentNamed(s.nodes, props.signals?.intent));
  return <TurnNotesView {...props} understood={understood} />;
}

/** What Baton noticed on one caller turn: what it understood (`understood`: the intent's name), each signal with its evidence, and a trigger that fired. */
export function TurnNotesView({ signals, intent, handoff, understood }: TurnNotesProps & { understood: string | null }) {
  if (!signals && !handoff) return null;
  const notes: [string, string][] = [];
  if (signals) {
    // This turn's own intent (the call's last intent may come from an earlier turn, e.g. while a detail is asked for).
    if (signals.intent) notes.push(['Understood', `${understood} (${percent(signals.intentConfidence)} sure)`]);
    else if (signals.courtesy) notes.push(['Understood', 'a greeting or thanks, so the question was asked again (not counted as not understood)']);
    else if (intent === null || signals.noMatchStreak > 0) notes.push(['Understood', 'nothing it knows']);
    const words = signals.sentiment.evidence.map((e) => `"${e.words}" ${signed(e.weight, 0)}`).join(', ');
    notes.push(['Sentiment', `${signed(signals.sentiment.value)}${words ? ` from ${words}` : ' (neutral)'}`]);
    if (signals.safety.atRisk) notes.push(['May be in danger', `yes, ${percent(signals.safety.probability)} sure${quoted(signals.safety.evidence)}: a person takes over at once`]);
    if (signals.explicitRequest.requested)
      notes.push(['Asked for a person', `yes, ${percent(signals.explicitRequest.probability)} sure${signals.explicitRequest.evidence ? `: "${signals.explicitRequest.evidence}"` : ''}`]);
    else if (signals.explicitRequest.negated) notes.push(['Asked for a person', `no: "${signals.explicitRequest.negated}" is said the other way round`]);
    if (signals.repetition.repeats > 0)
      notes.push(['Repeats', `${signals.repetition.repeats}: ${signals.repetition.evidence.map((e) => `"${e.text}" (${e.how.replaceAll('_', ' ')})`).join(', ')}`]);
    if (signals.loudness.evidence) notes.push(['Voice', `${signals.loudness.evidence} (from the audio)`]);
    else if (signals.loudness.baselineDb !== null) notes.push(['Voice', `${signed(signals.loudness.deltaDb, 0)} dB against their usual level`]);
    if (signals.frustration.probability >= NOTED) notes.push(['Sounds frustrated', `${percent(signals.frustration.probability)} sure${quoted(signals.frustration.evidence)}`]);
    const topics = [
      ...signals.sensitive.topics.map((t) => `${t.topic.replaceAll('_', ' ')}, ${percent(t.probability)} sure ("${t.evidence}")`),
      ...signals.sensitive.keywords.map((k) => `"${k}"`),
    ];
    if (topics.length) notes.push(['Sensitive', topics.join(', ')]);
    if (signals.answer) notes.push(['Answered the question', 'only the answer asked for, so the handoff triggers leave this turn be (a danger would still be acted on)']);
    if (signals.asrConfidence !== null) notes.push(['Heard clearly', percent(signals.asrConfidence)]);
    if (signals.noMatchStreak > 0) notes.push(['Not understood', `${signals.noMatchStreak} turn${signals.noMatchStreak === 1 ? '' : 's'} in a row`]);
  }
  return (
    <div className="console-notes">
      {handoff && (
        <p className="console-notes__handoff" role="status">
          <strong>Handoff: {categoryNames[handoff.category]}.</strong> {handoff.explanation}
          {handoff.alsoHeld?.map((other) => (
            <span key={other.triggerId ?? other.signal} className="console-notes__also">
              {' '}
              Also held: {categoryNames[other.category].toLowerCase()} — {other.explanation}
            </span>
          ))}
        </p>
      )}
      {notes.length > 0 && (
        <dl aria-label="What Baton noticed">
          {notes.map(([name, value]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
