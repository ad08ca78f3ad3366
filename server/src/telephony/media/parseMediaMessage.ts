// Twilio's media stream messages (JSON text frames): `connected`, then `start`, many `media`, and `stop`.
// https://www.twilio.com/docs/voice/media-streams/websocket-messages

export type MediaMessage =
  | { event: 'connected' }
  | { event: 'start'; streamSid: string; callSid: string; customParameters: Record<string, string>; mulaw8k: boolean }
  | { event: 'media'; streamSid: string; inbound: boolean; payload: string }
  | { event: 'stop'; streamSid: string }
  /** Sent on bidirectional streams; nothing to measure in them. */
  | { event: 'mark' | 'dtmf' };

/** A media message carries 20 ms (216 base64 characters); anything far bigger is not Twilio's. */
export const MAX_PAYLOAD_CHARS = 8192;
const SID = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_PARAMETERS = 32;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const sid = (v: unknown): string | null => (typeof v === 'string' && SID.test(v) ? v : null);

/** Parses one text frame; null when it is not JSON or not a message of Twilio's we understand. */
export function parseMediaMessage(text: string): MediaMessage | null {
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(m)) return null;
  switch (m.event) {
    case 'connected':
    case 'mark':
    case 'dtmf':
      return { event: m.event };
    case 'media': {
      const streamSid = sid(m.streamSid);
      const media = m.media;
      if (!streamSid || !isObject(media) || typeof media.payload !== 'string' || media.payload.length > MAX_PAYLOAD_CHARS) return null;
      // One-way streams name no track; both-way ones send the caller's audio as `inbound`.
      return { event: 'media', streamSid, inbound: media.track === undefined || media.track === 'inbound', payload: media.payload };
    }
    case 'start': {
      const start = m.start;
      if (!isObject(start)) return null;
      const streamSid = sid(m.streamSid) ?? sid(start.streamSid);
      const callSid = sid(start.callSid);
      if (!streamSid || !callSid) return null;
      const format = isObject(start.mediaFormat) ? start.mediaFormat : {};
      const mulaw8k = (format.encoding ?? 'audio/x-mulaw') === 'audio/x-mulaw' && (format.sampleRate ?? 8000) === 8000 && (format.channels ?? 1) === 1;
      return { event: 'start', streamSid, callSid, customParameters: parametersOf(start.customParameters), mulaw8k };
    }
    case 'stop': {
      const streamSid = sid(m.streamSid);
      return streamSid ? { event: 'stop', streamSid } : null;
    }
    default:
      return null;
  }
}

function parametersOf(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObject(v)) return out;
  for (const [key, value] of Object.entries(v).slice(0, MAX_PARAMETERS)) {
    if (typeof value === 'string' && key.length <= 100 && value.length <= 500) out[key] = value;
  }
  return out;
}
