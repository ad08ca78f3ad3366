import { z } from 'zod';

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lowercase letters, digits and dashes, e.g. "billing-support"').max(80);
const clock = /^(?:[01]\d|2[0-3]):[0-5]\d$/;

/** Minutes since local midnight of an "HH:MM" time ("24:00" is 1440, the end of the day). */
export const minutesOfDay = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

const isTimeZone = (timeZone: string) => {
  try {
    new Intl.DateTimeFormat(undefined, { timeZone });
    return true;
  } catch {
    return false;
  }
};

/**
 * One opening on one weekday, local time in the queue's zone. `close` may be "24:00". Overnight shifts are
 * not one range: write them as two ("22:00"–"24:00" on Monday and "00:00"–"06:00" on Tuesday), which keeps
 * a holiday on either day unambiguous.
 */
export const openingSchema = z
  .object({
    open: z.string().regex(clock, 'write the opening time as HH:MM, e.g. "09:00"'),
    close: z.string().refine((t) => clock.test(t) || t === '24:00', 'write the closing time as HH:MM, e.g. "17:30" or "24:00"'),
  })
  .refine((o) => minutesOfDay(o.close) > minutesOfDay(o.open), {
    message: 'the closing time must come after the opening time; split an overnight shift into two days',
    path: ['close'],
  });
export type Opening = z.infer<typeof openingSchema>;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'write the date as YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a calendar date');

export const businessHoursSchema = z.object({
  /** IANA zone the weekly hours and holidays are read in, e.g. "Europe/Berlin". */
  timeZone: z.string().refine(isTimeZone, 'choose a time zone such as "America/New_York"'),
  weekly: z.object(Object.fromEntries(weekdays.map((d) => [d, z.array(openingSchema).max(12).default([])])) as Record<Weekday, z.ZodDefault<z.ZodArray<typeof openingSchema>>>),
  /** Local dates on which the queue is closed all day. */
  holidays: z.array(isoDate).max(400).default([]),
});
export type BusinessHours = z.infer<typeof businessHoursSchema>;

/** Seconds an agent has to accept an offer unless the queue says otherwise. */
export const DEFAULT_OFFER_TIMEOUT_SECONDS = 20;

// Named queueSettingsSchema: `queueSchema` already names the flow-level queue reference in flowSchema.ts.
export const queueSettingsSchema = z.object({
  id: slug,
  name: z.string().min(1, 'give the queue a name').max(120),
  /** Every agent offered a call from this queue has all of these skills. */
  requiredSkills: z.array(z.string().min(1).max(60)).max(20).default([]),
  businessHours: businessHoursSchema,
  /** Above this estimated wait the transfer takes `no_agent`, so the flow can offer a callback. */
  maxWaitSecondsBeforeCallback: z.number().int().min(0).max(86_400).default(300),
  /** How long an agent has to read the briefing and accept an offer before the call goes to the next agent. */
  offerTimeoutSeconds: z.number().int().min(5, 'give agents at least 5 seconds to accept').max(600, 'at most 10 minutes (600 seconds)').default(DEFAULT_OFFER_TIMEOUT_SECONDS),
  serviceLevel: z
    .object({ answerWithinSeconds: z.number().int().min(1).max(3_600), targetShare: z.number().min(0).max(1) })
    .default({ answerWithinSeconds: 20, targetShare: 0.8 }),
  /**
   * Priority points added to a call's own priority (the transfer node's 0..10) when the call carries the flag:
   * `sensitive` when a sensitive-topic signal fired, `repeatCaller` when the caller called before recently.
   * A higher total is offered first; equal totals go by longest wait.
   */
  priorityBoosts: z
    .object({ sensitive: z.number().int().min(0).max(10).default(0), repeatCaller: z.number().int().min(0).max(10).default(0) })
    .optional(),
});
export type QueueSettings = z.infer<typeof queueSettingsSchema>;
export type QueueSettingsInput = z.input<typeof queueSettingsSchema>;

export const agentSkillSchema = z.object({ skill: z.string().min(1).max(60), proficiency: z.number().int().min(1).max(5) });
export type AgentSkill = z.infer<typeof agentSkillSchema>;

export const agentSettingsSchema = z.object({
  id: slug,
  name: z.string().min(1, 'give the agent a name').max(120),
  skills: z.array(agentSkillSchema).max(50).default([]),
  /** How many calls the agent handles at once. */
  capacity: z.number().int().min(1).max(10).default(1),
});
export type AgentSettings = z.infer<typeof agentSettingsSchema>;
export type AgentSettingsInput = z.input<typeof agentSettingsSchema>;
