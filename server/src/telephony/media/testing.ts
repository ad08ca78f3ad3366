import { FRAME_BYTES } from './frameLevel.ts';

// Helpers shared by the media stream's tests.

/**
 * Twilio's messages for one media stream carrying the given μ-law audio, as JSON text frames: `connected`, `start`,
 * one `media` per 20 ms, `stop`.
 */
export function twilioStreamMessages(callSid: string, audio: Uint8Array, streamSid = `MZ${callSid.slice(2)}`, parameters: Record<string, string> = {}): string[] {
  const messages: object[] = [
    { event: 'connected', protocol: 'Call', version: '1.0.0' },
    {
      event: 'start',
      sequenceNumber: '1',
      start: {
        accountSid: 'AC00000000000000000000000000000000',
        streamSid,
        callSid,
        tracks: ['inbound'],
        customParameters: { flowId: 'billing-support', ...parameters },
        mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
      },
      streamSid,
    },
  ];
  for (let i = 0, chunk = 1; i < audio.length; i += FRAME_BYTES, chunk++) {
    const payload = Buffer.from(audio.subarray(i, i + FRAME_BYTES)).toString('base64');
    messages.push({ event: 'media', sequenceNumber: String(chunk + 1), media: { track: 'inbound', chunk: String(chunk), timestamp: String((chunk - 1) * 20), payload }, streamSid });
  }
  messages.push({ event: 'stop', sequenceNumber: String(messages.length), stop: { accountSid: 'AC00000000000000000000000000000000', callSid }, streamSid });
  return messages.map((m) => JSON.stringify(m));
}
