import { z } from 'zod';
import { personaSchema } from './persona.ts';

/** Which version of a flow to run: the draft, the latest published one, or a published number. */
export const flowVersionSchema = z.union([z.literal('draft'), z.literal('published'), z.number().int().min(1)]);

export const queueStaffingSchema = z
  .object({
    agents: z.number().int().min(0).max(10_000),
    /** Average handle time per call, seconds (exponentially distributed). */
    ahtSeconds: z.number().min(1).max(36_000),
  })
  .strict();

/** The people behind the flow's queues and how calls arrive: what the discrete-event queue model runs on. */
export const staffingSchema = z
  .object({
    /** Calls arriving at the flow per 30 minutes (Poisson arrivals). */
    callsPer30Min: z.number().min(0.1).max(1_000_000).default(120),
    /** By queue id; queues not listed get `defaultQueue`. */
    queues: z.record(z.string().max(80), queueStaffingSchema).default({}),
    defaultQueue: queueStaffingSchema.default({ agents: 8, ahtSeconds: 300 }),
    /** Mean time a caller waits in a queue before hanging up (exponential); null: callers never give up. */
    patienceSeconds: z.number().min(1).max(36_000).nullable().default(180),
  })
  .strict();

/** A what-if run: the same seeded callers against `version` and `compareWith`. */
const days = z.number().int('days must be a whole number').min(1, 'days must be 1 to 90').max(90, 'days must be 1 to 90');

export const simulationRequestSchema = z
  .object({
    flowId: z.string().min(1).max(80),
    /** The version under test; default: the draft (analysts try changes before they publish). */
    version: flowVersionSchema.optional(),
    /** The baseline of a what-if ("before"), e.g. "published"; deltas are `version` minus this. */
    compareWith: flowVersionSchema.optional(),
    calls: z.number().int().min(1).max(100_000),
    seed: z.number().int().min(0).max(2 ** 31 - 1),
    /** Stored persona ids, or personas written in the request; default: every stored persona by weight. */
    personas: z.array(z.union([z.string().min(1).max(60), personaSchema])).min(1).max(50).optional(),
    staffing: staffingSchema.optional(),
    /**
     * Instead of simulated callers: the flow's real calls of the last `days` days (the newest `calls` of them), each
     * caller's own turns replayed through `version` and `compareWith`. `personas` are then not used.
     */
    realCalls: z.object({ days }).strict().optional(),
    /**
     * Simulated callers also say each intent the way real callers of this flow did in the last `days` days (the most
     * said phrases, added to each persona's own words for it); no real calls: the personas' own words alone.
     */
    realPhrasing: z.object({ days }).strict().optional(),
  })
  .strict();

export type FlowVersionRequest = z.infer<typeof flowVersionSchema>;
export type QueueStaffing = z.infer<typeof queueStaffingSchema>;
export type Staffing = z.infer<typeof staffingSchema>;
export type SimulationRequest = z.infer<typeof simulationRequestSchema>;
