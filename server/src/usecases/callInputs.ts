import { MAX_CALLER_ATTRIBUTE_LENGTH, MAX_CALLER_ATTRIBUTES, MAX_TURN_TEXT } from '@baton/shared';
import { z } from 'zod';
import { AppError } from '../errors.ts';

const callerSchema = z
  .object({
    id: z.string().max(100).optional(),
    phone: z.string().max(40).optional(),
    name: z.string().max(100).optional(),
    // Rules read these (caller.*): their worst-case cost is estimated against these bounds.
    attributes: z
      .record(z.string().max(60), z.union([z.string().max(MAX_CALLER_ATTRIBUTE_LENGTH), z.number(), z.boolean()]))
      .refine((a) => Object.keys(a).length <= MAX_CALLER_ATTRIBUTES, `a caller may have at most ${MAX_CALLER_ATTRIBUTES} attributes`)
      .default({}),
  })
  .strict();

export const startCallSchema = z
  .object({
    flowId: z.string().min(1).max(80),
    version: z.union([z.literal('draft'), z.literal('published'), z.number().int().min(1)]).optional(),
    caller: callerSchema.optional(),
    /** `routing` (the default): transfers go to Baton's queues and agents. `manual`: the channel reports each transfer's outcome itself. */
    transfers: z.enum(['routing', 'manual'], 'transfers must be routing or manual').default('routing'),
  })
  .strict();

/** Bounds of a caller's words, shared with the direct check of plain utterances (turnInput.ts). */
export const TURN_LIMITS = { textMax: MAX_TURN_TEXT, asrConfidence: [0, 1], loudnessDb: [-160, 40] } as const;

/** A caller turn: words (with what speech recognition and the audio say about them), keypad digits, or silence. */
export const turnSchema = z
  .object({
    text: z.string().min(1, 'text must not be empty').max(TURN_LIMITS.textMax).optional(),
    asrConfidence: z.number().min(TURN_LIMITS.asrConfidence[0]).max(TURN_LIMITS.asrConfidence[1]).optional(),
    loudnessDb: z.number().min(TURN_LIMITS.loudnessDb[0]).max(TURN_LIMITS.loudnessDb[1]).optional(),
    /** The caller's voice over the turn, measured from their audio (a Twilio media stream). */
    voice: z
      .object({
        baselineDb: z.number().min(-160).max(40),
        peakDeltaDb: z.number().min(-200).max(200),
        sustainedMs: z.number().int().min(0).max(3_600_000),
        raised: z.boolean(),
      })
      .strict()
      .optional(),
    dtmf: z.string().regex(/^[0-9*#]{1,32}$/, 'dtmf may hold only the digits 0-9, * and #').optional(),
    silence: z.literal(true).optional(),
    /** How a transfer the channel carried out went: its port, or in more detail (declined, no_answer and busy take no_agent). */
    transferOutcome: z.enum(['connected', 'no_agent', 'failed', 'declined', 'no_answer', 'busy'], 'transferOutcome must be one of connected, declined, no_answer, busy, failed or no_agent').optional(),
    /** The caller hung up. */
    hangup: z.literal(true).optional(),
  })
  .strict()
  .refine((t) => [t.text, t.dtmf, t.silence, t.transferOutcome, t.hangup].filter((v) => v !== undefined).length === 1, {
    message: 'send exactly one of text, dtmf, silence, transferOutcome or hangup',
  });

/** Parses a request body with a zod schema; a mismatch is a 400 naming each field. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const first = issues[0];
  throw new AppError(400, 'invalid_body', `${first.path ? `${first.path}: ` : ''}${first.message}.`, issues);
}
