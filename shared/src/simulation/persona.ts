import { z } from 'zod';

const phrases = z.array(z.string().trim().min(1).max(300)).max(50);

/** What a simulated caller wants: an intent of the flow's AI node, and the words they use for it. */
export const callerGoalSchema = z
  .object({
    intent: z.string().trim().min(1).max(80),
    utterances: phrases.min(1),
  })
  .strict();

/**
 * A kind of caller the simulator plays: what they want, how patient they are, when they ask for a
 * person, and how their voice and words escalate with each turn the AI gets wrong.
 */
export const personaSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,59}$/, 'id: lowercase letters, digits, - and _ (at most 60)'),
    name: z.string().trim().min(1).max(100),
    description: z.string().max(1000).default(''),
    /** Goals in the caller's own words; the simulator picks one whose intent the flow knows, else speaks off-script. */
    wants: z.array(callerGoalSchema).min(1).max(20),
    /** After this many failed turns (not understood, asked again), the caller hangs up. */
    patienceTurns: z.number().int().min(1).max(50),
    /** Chance, on each turn, that the caller asks for a person instead of answering. */
    asksForPersonProbability: z.number().min(0).max(1),
    /** The caller asks for a person as their very first words. */
    asksAtOnce: z.boolean().default(false),
    /** How they ask for a person. */
    personPhrases: phrases.min(1),
    loudness: z
      .object({
        baseDb: z.number().min(20).max(120),
        /** Added for each failed turn so far. */
        perFailedTurnDb: z.number().min(0).max(30),
      })
      .strict(),
    /** Said before their words on the 1st, 2nd, … failed turn (the last repeats): "This is ridiculous." */
    escalation: phrases,
    /** Brought up in the first turn when set: "someone has used my card". */
    sensitiveTopic: z.object({ phrase: z.string().trim().min(1).max(300) }).strict().nullable().default(null),
    /** When not understood, the caller first tries their goal's other utterances, then these; none at all: a caller who only repeats themselves. */
    rephrasings: phrases,
    /** Chance that an answer to a question is vague ("hang on, I'm not sure") instead of the value. */
    unsureProbability: z.number().min(0).max(1).default(0),
    /** Vague answers and asides, said when unsure or when the caller has nothing the flow expects. */
    offScript: phrases.default([]),
    /** Share of this persona in the default mix (relative to the others). */
    weight: z.number().min(0).max(1000),
  })
  .strict();

export type CallerGoal = z.infer<typeof callerGoalSchema>;
export type Persona = z.infer<typeof personaSchema>;
/** A persona as written in a file or a request, before defaults are filled in. */
export type PersonaInput = z.input<typeof personaSchema>;
