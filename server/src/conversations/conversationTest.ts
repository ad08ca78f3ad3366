import { z } from 'zod';
import { handoffCategories, handoffSignals } from '@baton/shared';

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
    name: z.string().min(1).max(200),
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

export const conversationFileSchema = z.object({ flowId: z.string(), tests: z.array(conversationTestSchema).min(1) }).strict();

export type ConversationTest = z.infer<typeof conversationTestSchema>;
export type ScriptedTurn = z.infer<typeof scriptedTurnSchema>;
