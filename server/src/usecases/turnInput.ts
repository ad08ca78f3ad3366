import { portForResult, type CallEvent, type TransferOutcome, type TransferResult } from '@baton/shared';
import { AppError } from '../errors.ts';
import { maskPersonalData } from '../privacy/maskPersonalData.ts';
import { parseBody, TURN_LIMITS, turnSchema } from './callInputs.ts';

export type TurnInput = ReturnType<typeof turnSchema.parse>;

const UTTERANCE_FIELDS = new Set(['text', 'asrConfidence', 'loudnessDb']);

const numberWithin = (v: unknown, [min, max]: readonly [number, number]) => v === undefined || (typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max);

/**
 * A caller turn, checked as `turnSchema` checks it. Words (with an optional confidence and loudness) are nearly every
 * turn a call takes, and zod's generic walk was a noticeable part of each one: they are checked here directly. Any
 * other turn, and any turn this check would refuse, goes to the schema, so what is accepted and the 400 that names
 * what is wrong stay exactly the schema's.
 */
export function parseTurn(body: unknown): TurnInput {
  if (body !== null && typeof body === 'object' && Object.getPrototypeOf(body) === Object.prototype) {
    const b = body as Record<string, unknown>;
    let plainWords = true;
    for (const key in b) if (!UTTERANCE_FIELDS.has(key)) plainWords = false;
    const { text, asrConfidence, loudnessDb } = b;
    if (plainWords && typeof text === 'string' && text.length >= 1 && text.length <= TURN_LIMITS.textMax && numberWithin(asrConfidence, TURN_LIMITS.asrConfidence) && numberWithin(loudnessDb, TURN_LIMITS.loudnessDb)) {
      const turn: TurnInput = { text };
      if (asrConfidence !== undefined) turn.asrConfidence = asrConfidence as number;
      if (loudnessDb !== undefined) turn.loudnessDb = loudnessDb as number;
      return turn;
    }
  }
  return parseBody(turnSchema, body);
}

/** The engine's event for a caller turn at `at`. */
export function turnEvent(t: TurnInput, at: string): CallEvent {
  return t.text !== undefined
    ? // Card numbers and bank details are masked before Baton keeps, logs or passes on a word of the turn.
      { type: 'utterance', at, text: maskPersonalData(t.text), asrConfidence: t.asrConfidence, loudnessDb: t.loudnessDb, voice: t.voice }
    : t.dtmf !== undefined
      ? { type: 'dtmf', at, digits: t.dtmf }
      : t.transferOutcome !== undefined
        ? { type: 'transfer_outcome', at, ...transferOutcomeOf(t.transferOutcome) }
        : t.hangup
          ? { type: 'hangup', at }
          : { type: 'silence', at };
}

/** A channel's report of a transfer: a port (connected, no_agent, failed) or how it went (declined, no_answer, busy). */
function transferOutcomeOf(reported: TransferOutcome | TransferResult): { outcome: TransferOutcome; result?: TransferResult } {
  return reported === 'no_agent' ? { outcome: reported } : { outcome: portForResult(reported), result: reported };
}

/** Longest idempotency key taken: a UUID is 36 characters; room to spare for a client's own scheme. */
const MAX_KEY_LENGTH = 200;

/**
 * A turn's idempotency key, from the `Idempotency-Key` header or a `turnId` in the body (taken out of the turn), and
 * the turn itself. A key that is not a string of 1 to 200 characters is a 400 that says so.
 */
export function turnKey(body: unknown, header: string | undefined): { turn: unknown; key?: string } {
  let turn = body;
  let key: unknown = header;
  if (body !== null && typeof body === 'object' && !Array.isArray(body) && 'turnId' in body) {
    const { turnId, ...rest } = body as Record<string, unknown>;
    turn = rest;
    key ??= turnId;
  }
  if (key === undefined) return { turn };
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) {
    throw new AppError(400, 'invalid_turn_id', `A turn's idempotency key (the Idempotency-Key header or "turnId") must be text of 1 to ${MAX_KEY_LENGTH} characters, e.g. a UUID.`);
  }
  return { turn, key };
}
