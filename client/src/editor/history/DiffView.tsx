import { Stack, Text, Title } from '@mantine/core';
import type { FieldChange, FlowDiff, FlowDocument } from '@baton/shared';
import { signalNames } from '../inspector/signalNames.ts';

const shown = (value: unknown) => (value === undefined ? '(none)' : typeof value === 'string' ? `"${value.length > 80 ? `${value.slice(0, 80)}…` : value}"` : JSON.stringify(value));

/** Settings as the inspector names them. */
const FIELD_WORDS: Record<string, string> = {
  label: 'name',
  deltaDb: 'louder by (dB)',
  threshold: 'at least this sure',
  turns: 'over this many turns',
  atLeast: 'repeats at least',
  streak: 'turns not understood in a row',
  below: 'recognition below',
  text: 'words',
  greeting: 'greeting',
  question: 'question',
  queue: 'queue',
  skills: 'skills',
  priority: 'priority',
  rule: 'rule',
  topics: 'topics',
  examples: 'example phrases',
  busyText: 'when nobody is free',
  closedText: 'when closed',
  connectedText: 'when connected',
};

/**
 * A changed setting's path in words: "detectors[2].deltaDb" of a trigger reads "Raised voice: louder by (dB)",
 * "intents[0].examples[3]" reads "intents 1: example phrases 4".
 */
function fieldName(path: string, detectors: unknown): string {
  const signals = Array.isArray(detectors) ? detectors.map((d: { signal?: string }) => d?.signal) : [];
  const detector = /^detectors\[(\d+)\]\.?(.*)$/.exec(path);
  const words = (rest: string) =>
    rest
      .replace(/\[(\d+)\]/g, (_m, i: string) => ` ${Number(i) + 1}`)
      .split('.')
      .filter(Boolean)
      .map((part) => FIELD_WORDS[part.trim()] ?? part.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase())
      .join(': ');
  if (!detector) return words(path);
  const watched = signalNames[signals[Number(detector[1])] as keyof typeof signalNames] ?? `Detector ${Number(detector[1]) + 1}`;
  return detector[2] ? `${watched}: ${words(detector[2])}` : watched;
}

function Fields({ fields, detectors }: { fields: FieldChange[]; detectors?: unknown }) {
  return (
    <ul className="history__fields">
      {fields.map((f) => (
        <li key={f.field}>
          <span title={f.field}>{fieldName(f.field, detectors)}</span>: {shown(f.before)} → {shown(f.after)}
        </li>
      ))}
    </ul>
  );
}

function StepList({ title, steps, picked }: { title: string; steps: FlowDiff['added']; picked?: string | null }) {
  if (steps.length === 0) return null;
  return (
    <section aria-label={title}>
      <Title order={4} size="h6">
        {title}
      </Title>
      <ul>
        {steps.map((s) => (
          <li key={s.id} data-step={s.id} className={s.id === picked ? 'is-picked' : undefined}>
            {s.label} ({s.kind})
          </li>
        ))}
      </ul>
    </section>
  );
}

/** What changed between two versions, in the steps' own names; `picked`: the step picked on the canvas, highlighted. */
export function DiffView({ diff, labels, detectorsOf, picked }: { diff: FlowDiff; labels: Record<string, string>; detectorsOf: Record<string, unknown>; picked?: string | null }) {
  if (diff.same) return <Text size="sm">Nothing differs but where steps sit on the canvas.</Text>;
  const name = (id: string) => labels[id] ?? id;
  return (
    <Stack gap="xs">
      <StepList title="Steps added" steps={diff.added} picked={picked} />
      <StepList title="Steps removed" steps={diff.removed} picked={picked} />
      {diff.changed.length > 0 && (
        <section aria-label="Steps changed">
          <Title order={4} size="h6">
            Steps changed
          </Title>
          <ul>
            {diff.changed.map((s) => (
              <li key={s.id} data-step={s.id} className={s.id === picked ? 'is-picked' : undefined}>
                {s.label}
                <Fields fields={s.fields} detectors={detectorsOf[s.id]} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {diff.connectionsAdded.length + diff.connectionsRemoved.length > 0 && (
        <section aria-label="Connections">
          <Title order={4} size="h6">
            Connections
          </Title>
          <ul>
            {diff.connectionsAdded.map((c) => (
              <li key={`+${c.source}|${c.port}|${c.target}`}>
                Added: {name(c.source)} ({c.port}) → {name(c.target)}
              </li>
            ))}
            {diff.connectionsRemoved.map((c) => (
              <li key={`-${c.source}|${c.port}|${c.target}`}>
                Removed: {name(c.source)} ({c.port}) → {name(c.target)}
              </li>
            ))}
          </ul>
        </section>
      )}
      {diff.settings.length > 0 && (
        <section aria-label="Flow settings">
          <Title order={4} size="h6">
            Flow settings
          </Title>
          <Fields fields={diff.settings} />
        </section>
      )}
    </Stack>
  );
}

export const labelsOf = (...flows: FlowDocument[]) =>
  Object.fromEntries(flows.flatMap((f) => f.nodes.map((n) => [n.id, typeof n.data?.label === 'string' && n.data.label ? n.data.label : n.id])));
/** Each trigger's detectors, to name a changed detector by what it watches. */
export const detectorsOf = (flow: FlowDocument) => Object.fromEntries(flow.nodes.map((n) => [n.id, n.data?.detectors]));
