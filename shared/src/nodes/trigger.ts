import { z } from 'zod';
import { defineNodeKind } from './defineNodeKind.ts';
import { labelSchema, ruleSchema } from './common.ts';
import { handoffCategories } from '../flow/flowSchema.ts';
import { idSchema } from '../flow/flowSchema.ts';

export const sensitiveTopics = ['fraud', 'bereavement', 'legal_threat', 'medical', 'vulnerability', 'complaint'] as const;
export type SensitiveTopic = (typeof sensitiveTopics)[number];

export const handoffSignals = [
  'explicit_request',
  'negative_sentiment',
  'raised_voice',
  'repeated_question',
  'sensitive_topic',
  'safety',
  'out_of_scope',
  'no_match',
  'low_asr_confidence',
  'turn_limit',
  'rule',
] as const;
export type HandoffSignal = (typeof handoffSignals)[number];

/**
 * How sure a learned detector must be (a calibrated probability) before it holds. Left out, the detector uses the
 * threshold its training chose for few false handoffs; lower is more sensitive, higher hands over less often.
 */
const thresholdSchema = z.number().min(0.05).max(0.99).optional();

/** What a trigger watches; it fires when any one of its detectors holds (or its rule does). */
export const detectorSchema = z.discriminatedUnion('signal', [
  z.strictObject({ signal: z.literal('explicit_request'), threshold: thresholdSchema }),
  z.strictObject({
    signal: z.literal('negative_sentiment'),
    /** How sure that the caller is frustrated: on one turn, or gathered over the latest `turns`. */
    threshold: thresholdSchema,
    /** Frustration is gathered over this many of the caller's latest turns. */
    turns: z.number().int().min(1).max(10).default(2),
  }),
  // Ordinary phone levels drift 8-9 dB between calm turns; a raised voice stands further out.
  z.strictObject({ signal: z.literal('raised_voice'), deltaDb: z.number().min(1).max(40).default(12) }),
  z.strictObject({ signal: z.literal('repeated_question'), atLeast: z.number().int().min(1).max(10).default(2) }),
  z.strictObject({
    signal: z.literal('sensitive_topic'),
    topics: z.array(z.enum(sensitiveTopics)).default([...sensitiveTopics]),
    /** Also fire on the flow's own sensitive keywords (settings). */
    includeFlowKeywords: z.boolean().default(true),
    threshold: thresholdSchema,
  }),
  z.strictObject({ signal: z.literal('out_of_scope') }),
  z.strictObject({ signal: z.literal('no_match'), streak: z.number().int().min(1).max(10).default(2) }),
  z.strictObject({
    signal: z.literal('low_asr_confidence'),
    below: z.number().min(0).max(1).default(0.4),
    turns: z.number().int().min(1).max(10).default(2),
  }),
  z.strictObject({ signal: z.literal('turn_limit'), turns: z.number().int().min(1).max(100).default(12) }),
]);
export type Detector = z.output<typeof detectorSchema>;

export const triggerData = z.strictObject({
  label: labelSchema,
  category: z.enum(handoffCategories),
  detectors: z.array(detectorSchema).max(20).default([]),
  /** Optional extra condition in the rule language; fires when it holds. */
  rule: ruleSchema.default(''),
  /** Where the trigger listens: the whole call, or only while the call is at these nodes. */
  scope: z.strictObject({ mode: z.enum(['everywhere', 'nodes']).default('everywhere'), nodeIds: z.array(idSchema).max(500).default([]) }).default({ mode: 'everywhere', nodeIds: [] }),
  /** Higher goes first when several triggers hold on the same turn. */
  priority: z.number().int().min(0).max(100).default(50),
});
export type TriggerData = z.output<typeof triggerData>;

/**
 * The trigger a caller in danger goes through (the safety signal, which no flow can switch off): of the triggers for
 * sensitive matters, the first (highest priority first) that watches sensitive topics, else the first of them.
 */
export function sensitiveMattersTrigger<T extends { data: unknown }>(triggersByPriority: readonly T[]): T | null {
  const sensitive = triggersByPriority.filter((t) => (t.data as TriggerData).category === 'complex_or_sensitive');
  return sensitive.find((t) => (t.data as TriggerData).detectors.some((d) => d.signal === 'sensitive_topic')) ?? sensitive[0] ?? null;
}

export const trigger = defineNodeKind({
  kind: 'trigger',
  label: 'Handoff trigger',
  description: 'Watches every caller turn and hands the call to a person when its condition holds.',
  hasInput: false,
  waits: false,
  schema: triggerData,
  defaults: {
    label: 'Caller asks for a person',
    category: 'explicit_request',
    detectors: [{ signal: 'explicit_request' }],
    rule: '',
    scope: { mode: 'everywhere', nodeIds: [] },
    priority: 90,
  },
  ports: () => ['fired'],
  messages: () => [],
  rules: (d) => (d.rule.trim() ? [{ field: 'rule', rule: d.rule }] : []),
  validate: (d, nodeId) =>
    d.detectors.length === 0 && !d.rule.trim()
      ? [{ code: 'trigger_without_condition', severity: 'error', nodeId, field: 'data.detectors', message: 'Choose what this trigger watches for (e.g. negative sentiment) or write a rule; otherwise it never fires.' }]
      : d.scope.mode === 'nodes' && d.scope.nodeIds.length === 0
        ? [{ code: 'trigger_scope_empty', severity: 'warning', nodeId, field: 'data.scope', message: 'This trigger listens only at chosen nodes, but none are chosen, so it never fires.' }]
        : [],
});
