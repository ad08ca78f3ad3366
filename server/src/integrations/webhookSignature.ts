import { createHmac, timingSafeEqual } from 'node:crypto';

/*
 * How a receiver checks a Baton webhook (any language):
 *
 *   X-Baton-Timestamp: 1764000000            unix seconds when this attempt was signed
 *   X-Baton-Signature: v1=5f2b…e9            lowercase hex HMAC-SHA256
 *
 * 1. Take the raw request body bytes exactly as received (before any JSON parsing or re-serialising).
 * 2. Compute HMAC-SHA256 with the queue's webhook secret as key over the string
 *    `${X-Baton-Timestamp}.${body}` (the timestamp, a dot, then the body) and hex-encode it.
 * 3. Compare it in constant time with each `v1=` value of X-Baton-Signature (comma-separated; today there
 *    is one, more may be sent while a secret is being rotated). Accept if one matches.
 * 4. Reject the request if the timestamp is more than 5 minutes away from your clock (replay).
 *
 * Each retry is signed again with a fresh timestamp, and keeps the same X-Baton-Delivery id, so a receiver
 * can drop a delivery it has already handled.
 */

export const timestampHeader = 'X-Baton-Timestamp';
export const signatureHeader = 'X-Baton-Signature';
/** How far a signed timestamp may be from the receiver's clock, either way. */
export const webhookToleranceSeconds = 5 * 60;

const hmacHex = (body: string, secret: string, timestamp: number) =>
  createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');

/** The headers that prove `body` came from Baton at `timestamp` (unix seconds). */
export function signWebhook(body: string, secret: string, timestamp: number): Record<string, string> {
  return { [timestampHeader]: String(timestamp), [signatureHeader]: `v1=${hmacHex(body, secret, timestamp)}` };
}

export type WebhookVerification =
  | { ok: true }
  | { ok: false; reason: 'missing_headers' | 'bad_timestamp' | 'stale_timestamp' | 'bad_signature' };

/** Checks a received webhook; `nowSeconds` is the receiver's clock in unix seconds. */
export function verifyWebhook(input: {
  body: string;
  secret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  nowSeconds: number;
}): WebhookVerification {
  const { body, secret, timestamp, signature, nowSeconds } = input;
  if (timestamp === undefined || signature === undefined) return { ok: false, reason: 'missing_headers' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'bad_timestamp' };
  const signedAt = Number(timestamp);
  if (Math.abs(nowSeconds - signedAt) > webhookToleranceSeconds) return { ok: false, reason: 'stale_timestamp' };

  const expected = Buffer.from(hmacHex(body, secret, signedAt), 'hex');
  const candidates = signature
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.startsWith('v1='))
    .map((part) => part.slice(3));
  // Every candidate is compared (no early exit) so the time taken does not reveal which one was close.
  let matched = false;
  for (const hex of candidates) {
    if (!/^[0-9a-f]{64}$/i.test(hex)) continue;
    if (timingSafeEqual(Buffer.from(hex, 'hex'), expected)) matched = true;
  }
  return matched ? { ok: true } : { ok: false, reason: 'bad_signature' };
}
