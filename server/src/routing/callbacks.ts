import { AppError } from '../errors.ts';

/** A promise to call the customer back within a time window; agents see open ones in the desk and claim them. */
export interface CallbackRequest {
  id: string;
  callId: string;
  queueId: string;
  /** E.164-like: an optional "+" and 7 to 15 digits. */
  phone: string;
  /** ISO times: the window promised to the customer. */
  window: { from: string; to: string };
  createdAt: string;
  claimedBy?: { agentId: string; at: string };
}

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
  if (input.nextOpening === null) throw new AppError(422, 'queue_never_opens', 'The queue has no opening hours, so no callback time can be promised.');
  const from = Math.max(now.getTime() + (input.ewtSeconds ?? 0) * 1000, input.nextOpening?.getTime() ?? 0);
  const to = from + (input.windowMinutes ?? 30) * 60_000;
  return {
    id: input.id, callId: input.callId, queueId: input.queueId, phone,
    window: { from: new Date(from).toISOString(), to: new Date(to).toISOString() }, createdAt: now.toISOString(),
  };
}

/** Callbacks nobody has claimed yet in the given queues, the earliest promise first. */
export function openCallbacks(callbacks: readonly CallbackRequest[], queueIds: readonly string[]): CallbackRequest[] {
  return callbacks.filter((c) => !c.claimedBy && queueIds.includes(c.queueId)).sort((a, b) => a.window.from.localeCompare(b.window.from) || a.id.localeCompare(b.id));
}

/** The list with the callback claimed by the agent; a callback is claimed once. */
export function claimCallback(callbacks: readonly CallbackRequest[], id: string, agentId: string, now: Date): { callbacks: CallbackRequest[]; claimed: CallbackRequest } {
  const existing = callbacks.find((c) => c.id === id);
  if (!existing) throw new AppError(404, 'callback_not_found', `No callback request with id "${id}".`);
  if (existing.claimedBy) throw new AppError(409, 'callback_already_claimed', `This callback was already claimed by ${existing.claimedBy.agentId}.`);
  const claimed: CallbackRequest = { ...existing, claimedBy: { agentId, at: now.toISOString() } };
  return { callbacks: callbacks.map((c) => (c.id === id ? claimed : c)), claimed };
}
