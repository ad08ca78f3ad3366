import { agentSettingsSchema, queueSettingsSchema, type AgentSettingsInput, type QueueSettingsInput } from '@baton/shared';

// Fixtures for the routing tests: queues open around the clock in UTC unless a test says otherwise.
const allDay = [{ open: '00:00', close: '24:00' }];
export const alwaysOpen = { timeZone: 'UTC', weekly: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay } };

export const queue = (input: Partial<QueueSettingsInput> & { id: string }) =>
  queueSettingsSchema.parse({ name: input.id, businessHours: alwaysOpen, ...input });

export const agent = (id: string, skills: Record<string, number>, extra: Partial<AgentSettingsInput> = {}) =>
  agentSettingsSchema.parse({ id, name: id, skills: Object.entries(skills).map(([skill, proficiency]) => ({ skill, proficiency })), ...extra });

export const T0 = Date.parse('2026-11-24T10:00:00Z');
/** The instant `seconds` after T0. */
export const at = (seconds: number) => new Date(T0 + seconds * 1000);
