import { MAX_TURN_TEXT, type VoiceEvidence } from '@baton/shared';

/** The form fields Twilio posts (every value a string). */
export type TwilioParams = Record<string, string>;

export type TwilioTurnBody =
  | { text: string; asrConfidence?: number; voice?: VoiceEvidence }
  | { dtmf: string }
  | { silence: true };

/**
 * A `<Gather>` result as the engine's turn: keys pressed, else the words heard (with Twilio's confidence as the ASR
 * confidence), else — an empty result — no input.
 */
export function twilioTurnBody(params: TwilioParams, voice?: VoiceEvidence): TwilioTurnBody {
  const digits = params.Digits?.trim();
  if (digits && /^[0-9*#]{1,32}$/.test(digits)) return { dtmf: digits };
  const text = params.SpeechResult?.trim().slice(0, MAX_TURN_TEXT);
  if (!text) return { silence: true };
  const confidence = params.Confidence === undefined || params.Confidence === '' ? NaN : Number(params.Confidence);
  return {
    text,
    ...(Number.isFinite(confidence) ? { asrConfidence: Math.min(1, Math.max(0, confidence)) } : {}),
    ...(voice ? { voice } : {}),
  };
}

/** Only the string fields of a parsed form (a repeated field arrives as an array and is not one Twilio sends). */
export function twilioParams(body: unknown): TwilioParams {
  if (!body || typeof body !== 'object') return {};
  return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
