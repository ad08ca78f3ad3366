import { z } from 'zod';
import { defineNodeKind } from './defineNodeKind.ts';
import { labelSchema, messageSchema, portNameSchema } from './common.ts';
import type { FlowIssue } from '../compiler/FlowIssue.ts';

export const entityTypes = ['number', 'amount', 'date', 'email', 'phone'] as const;
export type EntityType = (typeof entityTypes)[number];

export const intentSchema = z.strictObject({
  /** The intent's id, derived from `label` by `intentIdFrom`: the node's output port, what rules and reports name. */
  name: portNameSchema,
  /** What people call it, in plain words ("Outage status"); absent in flows written before, which read as the id in words. */
  label: z.string().max(80).optional(),
  examples: z.array(z.string().min(1).max(300)).max(500),
  /** Optional reply spoken when the intent is recognised. */
  reply: messageSchema.default(''),
  /** Recognised but beyond what the AI should handle: an out-of-scope handoff trigger can fire on it. */
  outOfScope: z.boolean().default(false),
});

/** A topic the AI must never handle: when the caller raises it, the call goes to a person. */
export const neverHandleTopicSchema = z.string().trim().min(1).max(120);

/** Answering in its own words through a language model (when the server has one); the intents still route. */
export const generativeSchema = z.strictObject({
  enabled: z.boolean().default(false),
  /** What it should do: the model's instructions. */
  instructions: z.string().max(4000).default(''),
  /** What it knows: facts it may answer from. */
  knowledge: z.string().max(8000).default(''),
  neverHandle: z.array(neverHandleTopicSchema).max(30).default([]),
});
export type GenerativeSettings = z.output<typeof generativeSchema>;

export const aiData = z.strictObject({
  label: labelSchema,
  prompt: messageSchema.default(''),
  intents: z.array(intentSchema).max(100),
  entities: z.array(z.enum(entityTypes)).default([]),
  /** Overrides the flow's confidence threshold for this node. */
  confidenceThreshold: z.number().min(0).max(1).optional(),
  /** Said when nothing matched; usually left empty and said by the node the "no match" output leads to. */
  noMatchReply: messageSchema.default(''),
  /** Absent or disabled: the embedded NLU alone, as without a language model. */
  generative: generativeSchema.optional(),
});
export type AiData = z.output<typeof aiData>;
export type IntentDefinition = z.output<typeof intentSchema>;

export const NO_MATCH = 'no_match';

/** What a person calls an intent: its plain-words name, or its id in words. */
export const intentLabel = (intent: { name: string; label?: string }) => intent.label?.trim() || intent.name.replace(/_/g, ' ');

/**
 * The id of an intent named `label`: lower-case words joined by _ ("Outage status" → "outage_status"), made unique
 * against `taken` (the node's other intents; "no_match" is reserved). Null when the name has no letter or digit.
 */
export function intentIdFrom(label: string, taken: ReadonlySet<string>): string | null {
  const words = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 50)
    .replace(/_+$/, '');
  if (!words) return null;
  const base = /^[a-z]/.test(words) ? words : `intent_${words}`;
  let id = base;
  for (let n = 2; taken.has(id) || id === NO_MATCH; n++) id = `${base}_${n}`;
  return id;
}

function validateAi(d: AiData, nodeId: string): FlowIssue[] {
  const issues: FlowIssue[] = [];
  const seen = new Set<string>();
  const seenLabels = new Set<string>();
  d.intents.forEach((intent, i) => {
    const field = `data.intents.${i}`;
    const label = intentLabel(intent);
    if (intent.label !== undefined && !intent.label.trim())
      issues.push({ code: 'intent_without_name', severity: 'error', nodeId, field: `${field}.label`, message: `Intent ${i + 1} has no name. Say in a few words what callers want, e.g. "Outage status".` });
    else if (seen.has(intent.name) || intent.name === NO_MATCH || seenLabels.has(label.toLowerCase()))
      issues.push({ code: 'duplicate_intent', severity: 'error', nodeId, field, message: `Two intents are called "${label}"; give each intent its own name.` });
    seen.add(intent.name);
    seenLabels.add(label.toLowerCase());
    if (intent.examples.length === 0)
      issues.push({ code: 'intent_without_examples', severity: 'error', nodeId, field, message: `Add example phrases for "${label}" so the AI can recognise it.` });
    else if (intent.examples.length < 3)
      issues.push({ code: 'intent_few_examples', severity: 'info', nodeId, field, message: `"${label}" has only ${intent.examples.length} example(s); five or more different phrasings make recognition more reliable.` });
  });
  if (d.intents.length === 0)
    issues.push({ code: 'ai_without_intents', severity: 'error', nodeId, field: 'data.intents', message: 'Add at least one intent: what callers want, with example phrases.' });
  return issues;
}

export const ai = defineNodeKind({
  kind: 'ai',
  label: 'AI conversation',
  description: 'Listens to the caller, recognises what they want from example phrases, and replies.',
  hasInput: true,
  waits: true,
  schema: aiData,
  defaults: {
    label: 'AI conversation',
    prompt: 'How can I help you today?',
    intents: [],
    entities: [],
    noMatchReply: '',
  },
  ports: (d) => [...d.intents.map((i) => i.name), NO_MATCH],
  portLabels: (d) => Object.fromEntries(d.intents.map((i) => [i.name, intentLabel(i)])),
  // What the caller mentions of each entity type is kept under the type's name (slots.amount).
  slots: (d) => [...d.entities],
  messages: (d) => [
    ...(d.prompt ? [{ field: 'prompt', text: d.prompt }] : []),
    ...d.intents.flatMap((i, n) => (i.reply ? [{ field: `intents.${n}.reply`, text: i.reply }] : [])),
    ...(d.noMatchReply ? [{ field: 'noMatchReply', text: d.noMatchReply }] : []),
  ],
  rules: () => [],
  validate: validateAi,
});
