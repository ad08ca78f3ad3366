import { describe, expect, it } from 'vitest';
import { signatureHeader, signWebhook, timestampHeader, verifyWebhook } from './webhookSignature.ts';

const secret = 'a-queue-secret-of-32-characters!';
const body = JSON.stringify({ callId: 'call-1', summary: 'Wants a refund' });
const signedAt = 1_764_000_000;

const verify = (overrides: Partial<Parameters<typeof verifyWebhook>[0]> = {}) => {
  const headers = signWebhook(body, secret, signedAt);
  return verifyWebhook({
    body,
    secret,
    timestamp: headers[timestampHeader],
    signature: headers[signatureHeader],
    nowSeconds: signedAt + 10,
    ...overrides,
  });
};

describe('webhook signature', () => {
  it('When a receiver checks an untouched body with the same secret within 5 minutes, then it is accepted', () => {
    expect(signWebhook(body, secret, signedAt)[signatureHeader]).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(verify()).toEqual({ ok: true });
  });

  it('When the body was changed on the way, then the signature is rejected', () => {
    expect(verify({ body: body.replace('refund', 'upgrade') })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('When the receiver uses another secret, then the signature is rejected', () => {
    expect(verify({ secret: 'someone-elses-secret-value' })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('When the timestamp header is swapped for a fresh one, then the signature no longer matches', () => {
    expect(verify({ timestamp: String(signedAt + 5), nowSeconds: signedAt + 5 })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('When a request is replayed more than 5 minutes later, or claims a time 5 minutes ahead, then it is rejected', () => {
    expect(verify({ nowSeconds: signedAt + 301 })).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(verify({ nowSeconds: signedAt - 301 })).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(verify({ nowSeconds: signedAt + 300 })).toEqual({ ok: true });
  });

  it('When headers are missing or malformed, then it is rejected without throwing', () => {
    expect(verify({ signature: undefined })).toEqual({ ok: false, reason: 'missing_headers' });
    expect(verify({ timestamp: '17e8' })).toEqual({ ok: false, reason: 'bad_timestamp' });
    expect(verify({ signature: 'v1=abc' })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verify({ signature: 'sha256=' + 'a'.repeat(64) })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('When the signature header lists an old and a current signature during a secret rotation, then one match is enough', () => {
    const current = signWebhook(body, secret, signedAt)[signatureHeader]!;
    const old = signWebhook(body, 'the-previous-secret-value', signedAt)[signatureHeader]!;
    expect(verify({ signature: `${old}, ${current}` })).toEqual({ ok: true });
  });
});
