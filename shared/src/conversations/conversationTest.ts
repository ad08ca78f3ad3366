import { z } from 'zod';
import { handoffCategories } from '../flow/flowSchema.ts';
import { handoffSignals } from '../nodes/trigger.ts';

/** One caller turn in a conversation test: words (with optional loudness and recognition confidence), keypad digits, or silence. */
export const scriptedTurnSchema = z.union([
  z.object({ text: z.string().min(1).max(2000), loudnessDb: z.number().optional(), asrConfidence: z.number().min(0).max(1).optional() }).strict(),
  z.object({ dtmf: z.string().regex(/^[0-9*#]+$/) }).strict(),
  z.object({ silence: z.literal(true) }).strict(),
]);

const heardSchema = z.union([z.object({ contains: z.string().min(1) }).strict(), z.object({ exact: z.string().min(1) }).strict()]);

/** A conversation test: caller turns and what must happen. Unset expectations are not checked. */
export const conversationTestSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    caller: z.object({ name: z.string().optional(), phone: z.string().optional() }).optional(),
    turns: z.array(scriptedTurnSchema).min(1).max(100),
    expect: z
      .object({
        /** Node ids the call passes, in this order (others may come between). */
        path: z.array(z.string()).optional(),
        /** Node ids the call must never reach. */
        notPath: z.array(z.string()).optional(),
        /** Where the call is after the last turn. */
        endsAt: z.string().optional(),
        status: z.enum(['ai', 'queued', 'agent', 'ended']).optional(),
        /** null: no handoff may happen. */
        handoff: z.object({ category: z.enum(handoffCategories).optional(), signal: z.enum(handoffSignals).optional(), triggerId: z.string().nullable().optional() }).strict().nullable().optional(),
        /** Messages the caller hears, in this order. */
        heard: z.array(heardSchema).optional(),
        slots: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
      })
      .strict(),
  })
  .strict();

/** A file in flows/conversations: one flow's tests, without ids (they are given when the tests are stored). */
export const conversationFileSchema = z.object({ flowId: z.string(), tests: z.array(conversationTestSchema).min(1) }).strict();

export type ConversationTest = z.infer<typeof conversationTestSchema>;
export type ScriptedTurn = z.infer<typeof scriptedTurnSchema>;

/** A conversation test as stored with its flow: `id` is a slug of the name, unique within the flow and kept on rename. */
export type StoredConversationTest = ConversationTest & { id: string };

const MAX_ID_LENGTH = 60;

/** The id for a new test named `name`: a lowercase slug, made unique among `taken` with -2, -3, … */
export function conversationTestId(name: string, taken: Iterable<string>): string {
  const slug =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, MAX_ID_LENGTH)
      .replace(/^-+|-+$/g, '') || 'test';
  const used = new Set(taken);
  if (!used.has(slug)) return slug;
  let n = 2;
  while (used.has(`${slug}-${n}`)) n++;
  return `${slug}-${n}`;
}
