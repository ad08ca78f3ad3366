import type { CallbackRequest } from '@baton/shared';
import { AppError } from '../errors.ts';

export interface NewCallback {
  id: string;
  callId: string;
  queueId: string;
  phone: string;
  /** The queue's estimated wait now; the window starts when an agent is expected to be free. */
  ewtSeconds: number | null;
  /** When the queue is closed: its next opening, so the promise falls inside business hours. */
  nextOpening?: Date | null;
  /** How wide the promised window is. */
  windowMinutes?: number;
  /** What the agent who calls back should know (from the handoff packet). */
  about?: Pick<CallbackRequest, 'callerName' | 'reason' | 'summary'>;
  /** A caller who may be in danger: called back first. */
  urgent?: boolean;
}

/** The phone number with spaces, dashes, dots and brackets taken out, or undefined when it is not a number. */
export function normalizePhone(phone: string): string | undefined {
  const compact = phone.replace(/[\s\-().]/g, '');
  return /^\+?\d{7,15}$/.test(compact) ? compact : undefined;
}

/**
 * A callback request whose window starts at the later of "now + estimated wait" and the queue's next opening,
 * so an agent can keep the promise; it runs `windowMinutes` (30 by default).
 */
export function createCallback(input: NewCallback, now: Date): CallbackRequest {
  const phone = normalizePhone(input.phone);
  if (!phone) throw new AppError(422, 'invalid_phone', `"${input.phone}" is not a phone number we can call back; give 7 to 15 digits, e.g. +14155550123.`);
  const window = callbackWindow(input, now);
  if (!window) throw new AppError(422, 'queue_never_opens', 'The queue has no opening hours, so no callback time can be promised.');
  return { id: input.id, callId: input.callId, queueId: input.queueId, phone, window, createdAt: now.toISOString(), ...definedOnly(input.about ?? {}), ...(input.urgent ? { urgent: true as const } : {}) };
}

/** The window a call back is promised in: from the later of "now + estimated wait" and the next opening; null if the queue never opens. */
export function callbackWindow(input: Pick<NewCallback, 'ewtSeconds' | 'nextOpening' | 'windowMinutes'>, now: Date): CallbackRequest['window'] | null {
  if (input.nextOpening === null) return null;
  const from = Math.max(now.getTime() + (input.ewtSeconds ?? 0) * 1000, input.nextOpening?.getTime() ?? 0);
  const to = from + (input.windowMinutes ?? 30) * 60_000;
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

/** The window in words a caller understands, in the queue's time zone: "between 2:10 pm and 2:40 pm", "tomorrow between …", "on Monday between …". */
export function callbackWindowText(window: CallbackRequest['window'], timeZone: string, now: Date): string {
  const [from, to] = [new Date(window.from), new Date(window.to)];
  return onDay(from, `between ${timeOfDay(from, timeZone)} and ${timeOfDay(to, timeZone)}`, timeZone, now);
}

/** When a closed queue opens, in words, in its time zone: "at 8:00 am", "tomorrow at 8:00 am", "on Monday at 9:00 am". */
export function openingText(opening: Date, timeZone: string, now: Date): string {
  return onDay(opening, `at ${timeOfDay(opening, timeZone)}`, timeZone, now);
}

const timeOfDay = (at: Date, timeZone: string) => new Intl.DateTimeFormat('en-GB', { timeZone, hour: 'numeric', minute: '2-digit', hour12: true }).format(at);

/** `words` (a time) with the day it falls on, if not today: "tomorrow …", "on Monday …". */
function onDay(at: Date, words: string, timeZone: string, now: Date): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const days = Math.round((Date.parse(day.format(at)) - Date.parse(day.format(now))) / 86_400_000);
  if (days <= 0) return words;
  if (days === 1) return `tomorrow ${words}`;
  return `on ${new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long' }).format(at)} ${words}`;
}

const definedOnly = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/**
 * The callbacks one agent's desk lists: nobody's yet in the agent's queues, and those the agent claimed whose window
 * has not long passed (12 hours); the earliest promise first.
 */
export function deskCallbacks(callbacks: readonly CallbackRequest[], queueIds: readonly string[], agentId: string, now: Date): CallbackRequest[] {
  const recent = now.getTime() - 12 * 3_600_000;
  return callbacks
    .filter((c) => (c.claimedBy ? c.claimedBy.agentId === agentId && Date.parse(c.window.to) > recent : queueIds.includes(c.queueId)))
    // A caller who may be in danger first, then by promised time.
    .sort((a, b) => Number(b.urgent ?? false) - Number(a.urgent ?? false) || a.window.from.localeCompare(b.window.from) || a.id.localeCompare(b.id));
}
