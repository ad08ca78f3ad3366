import { z } from 'zod';

/** Ids are short, plain strings: they show up in URLs, logs and CEL-free lookups. */
export const idSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(80, 'must be at most 80 characters')
  .regex(/^[A-Za-z0-9_.:-]+$/, 'may use only letters, digits and _ . : -');

export const positionSchema = z.object({ x: z.number().finite(), y: z.number().finite() });

export const edgeSchema = z.object({
  id: idSchema,
  source: idSchema,
  sourcePort: z.string().min(1).max(80),
  target: idSchema,
});

/** A node as stored; `data` is checked against its kind's schema by `parseFlow`. */
export const nodeSchema = z.object({
  id: idSchema,
  kind: z.string().min(1).max(40),
  position: positionSchema,
  data: z.record(z.string(), z.unknown()),
});

export const handoffCategories = ['explicit_request', 'frustration', 'complex_or_sensitive', 'ai_limit', 'custom'] as const;
export type HandoffCategory = (typeof handoffCategories)[number];

/** What callers hear as {{handoff.reasonText}} when the flow's settings do not say otherwise. */
export const DEFAULT_REASON_TEXTS: Record<HandoffCategory, string> = {
  explicit_request: 'you asked to speak with a person',
  frustration: "I don't seem to be helping, and a person can sort this out faster",
  complex_or_sensitive: 'this needs the care of a specialist',
  ai_limit: "this is something I can't fully help with",
  custom: 'a specialist can help you best with this',
};

export const DEFAULT_SAFETY_MESSAGE =
  "I'm worried about what you've told me, and I want you to get help right away. If you are in danger or thinking about harming yourself, please call your local emergency number now. Nobody is free to take your call this second, so we will call you back before anyone else.";

export const queueSchema = z.object({
  id: idSchema,
  name: z.string().min(1).max(80),
  /** Typical wait until routing (a later issue) reports the live figure. */
  typicalWaitSeconds: z.number().int().min(0).max(86_400).default(120),
});

/** The English accents Twilio speaks and recognises that Baton offers. */
export const phoneLanguages = ['en-GB', 'en-US', 'en-AU', 'en-IE', 'en-IN'] as const;

export const flowSettingsSchema = z.object({
  language: z.literal('en').default('en'),
  /** Intents recognised with less confidence than this go to the AI node's no-match path. */
  confidenceThreshold: z.number().min(0).max(1).default(0.6),
  /** Extra words or phrases the flow treats as sensitive, on top of the built-in topics. */
  sensitiveKeywords: z.array(z.string().min(1).max(80)).max(200).default([]),
  /** Pressing 0 on the keypad counts as asking for a person. */
  zeroOutToAgent: z.boolean().default(true),
  /** How each handoff category is explained to the caller, used as {{handoff.reasonText}}. */
  reasonTexts: z.partialRecord(z.enum(handoffCategories), z.string().min(1).max(300)).default({}),
  queues: z.array(queueSchema).max(100).default([]),
  /**
   * Said when a caller in danger (the safety signal) cannot be put through to a person at once, before they are
   * offered a call back ahead of everyone else.
   */
  safetyMessage: z.string().trim().min(1).max(600).default(DEFAULT_SAFETY_MESSAGE),
  /** How the flow sounds on a phone line: the text-to-speech voice and the accent it speaks and listens in. */
  phone: z
    .object({
      voice: z.string().regex(/^[A-Za-z0-9._-]{1,60}$/, 'write a voice name such as Polly.Amy').optional(),
      language: z.enum(phoneLanguages).optional(),
    })
    .default({}),
});

export const flowDocumentSchema = z.object({
  id: idSchema,
  name: z.string().min(1, 'give the flow a name').max(120),
  description: z.string().max(2000).default(''),
  version: z.number().int().min(0).default(0),
  nodes: z.array(nodeSchema).max(10_000),
  edges: z.array(edgeSchema).max(20_000),
  settings: flowSettingsSchema.default(flowSettingsSchema.parse({})),
});

export type FlowNode = z.infer<typeof nodeSchema>;
export type FlowEdge = z.infer<typeof edgeSchema>;
export type FlowSettings = z.infer<typeof flowSettingsSchema>;
export type QueueConfig = z.infer<typeof queueSchema>;
export type FlowDocument = z.infer<typeof flowDocumentSchema>;
/** A flow document as a person or the API may send it: defaults not yet filled in. */
export type FlowInput = z.input<typeof flowDocumentSchema>;
