import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The token a media stream Baton starts carries (a `<Parameter name="token">` of its `<Stream>`: Twilio's stream URLs
 * take no query string), so `/twilio/media` takes audio only for calls Baton itself answered. It is the HMAC of the
 * call's SID under the Twilio auth token, which every instance has: any instance can check a stream another started.
 */
export const streamToken = (secret: string, callSid: string) => createHmac('sha256', secret).update(`media-stream:${callSid}`).digest('base64url');

export function isStreamToken(secret: string, callSid: string, token: string | undefined): boolean {
  if (!token) return false;
  const expected = Buffer.from(streamToken(secret, callSid));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
