import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { HandoffPacket, WebhookSettings } from '@baton/shared';
import { WebhookSender, type WebhookSenderOptions } from './WebhookSender.ts';
import { verifyWebhook } from './webhookSignature.ts';

const secret = 'billing-queue-secret-0123456789';
const nowMs = 1_764_000_000_000;
const nowSeconds = nowMs / 1000;

const packet: HandoffPacket = {
  callId: 'call-42',
  flow: { id: 'billing', version: 3 },
  caller: { phone: '+441234567890', name: 'Ada', attributes: { tier: 'gold' } },
  reason: { category: 'explicit_request', signal: 'explicit_request', triggerId: 'trigger-1', explanation: 'The caller asked for a person.' },
  summary: 'Wants a refund\nOrder 1234 collected\nAsked for a person',
  intents: [{ name: 'refund', confidence: 0.92, nodeId: 'ai-1', at: '2026-11-24T08:00:05.000Z' }],
  slots: { order: '1234' },
  transcript: [{ from: 'caller', text: 'I want my money back — now, please', at: '2026-11-24T08:00:04.000Z', nodeId: 'ai-1' }],
  sentimentTrend: [-0.2, -0.6],
  stepsTried: [],
  startedAt: '2026-11-24T08:00:00.000Z',
  handoffAt: '2026-11-24T08:00:10.000Z',
};

type Answer = number | 'hang' | Promise<number>;
interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** A real HTTP receiver on loopback; `answer` gets the 1-based number of the request. */
async function startReceiver(answer: (n: number) => Answer) {
  const received: Received[] = [];
  const server = createServer((req, res: ServerResponse) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      const status = answer(received.length);
      if (status === 'hang') return;
      void Promise.resolve(status).then((code) => res.writeHead(code).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  closers.push(close);
  return { url: `http://127.0.0.1:${port}/hooks/baton?source=test`, port, received, close };
}

function makeSender(settings: Partial<WebhookSettings> & { url: string }, options: Partial<WebhookSenderOptions> = {}) {
  const sleeps: number[] = [];
  const sender = new WebhookSender({
    settingsFor: (queueId) => (queueId === 'billing' ? { secret, enabled: true, allowPrivateNetwork: true, ...settings } : undefined),
    now: () => nowMs,
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    ...options,
  });
  return { sender, sleeps };
}

const verifyReceived = (r: Received, overrides: Partial<Parameters<typeof verifyWebhook>[0]> = {}) =>
  verifyWebhook({
    body: r.body,
    secret,
    timestamp: r.headers['x-baton-timestamp'] as string | undefined,
    signature: r.headers['x-baton-signature'] as string | undefined,
    nowSeconds,
    ...overrides,
  });

describe('WebhookSender', () => {
  it('When the receiver answers 200, then the packet arrives as JSON with a signature the receiver can verify', async () => {
    const receiver = await startReceiver(() => 200);
    const { sender } = makeSender({ url: receiver.url });

    const delivery = await sender.deliver('billing', packet);

    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received as [Received];
    expect(JSON.parse(request.body)).toEqual(packet);
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['x-baton-event']).toBe('handoff');
    expect(request.headers['x-baton-delivery']).toBe(delivery?.id);
    expect(request.headers['x-baton-timestamp']).toBe(String(nowSeconds));
    expect(verifyReceived(request)).toEqual({ ok: true });
    expect(verifyReceived(request, { body: request.body.replace('refund', 'upgrade') })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyReceived(request, { nowSeconds: nowSeconds + 301 })).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(sender.recentDeliveries('billing')).toEqual([
      expect.objectContaining({ queueId: 'billing', callId: 'call-42', state: 'delivered', attempts: 1, lastStatus: 200 }),
    ]);
  });

  it('When the receiver answers 503 twice and then 200, then it is tried 3 times with growing waits and recorded as delivered', async () => {
    const receiver = await startReceiver((n) => (n <= 2 ? 503 : 200));
    const { sender, sleeps } = makeSender({ url: receiver.url });

    const delivery = await sender.deliver('billing', packet);

    expect(delivery).toMatchObject({ state: 'delivered', attempts: 3, lastStatus: 200, lastError: { code: 'webhook_http_error' } });
    expect(sleeps).toEqual([1000, 2000]);
    expect(receiver.received.every((r) => verifyReceived(r).ok)).toBe(true);
    expect(new Set(receiver.received.map((r) => r.headers['x-baton-delivery'])).size).toBe(1);
    expect(sender.recentDeliveries('billing')[0]).toMatchObject({ state: 'delivered', attempts: 3 });
  });

  it('When the receiver answers 400, then it is tried once and the failure is recorded', async () => {
    const receiver = await startReceiver(() => 400);
    const { sender, sleeps } = makeSender({ url: receiver.url });

    await sender.deliver('billing', packet);

    expect(receiver.received).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(sender.recentDeliveries('billing')).toEqual([
      expect.objectContaining({ state: 'failed', attempts: 1, lastStatus: 400, lastError: expect.objectContaining({ code: 'webhook_http_error' }) }),
    ]);
  });

  it('When the receiver keeps answering 429, then it gives up after 5 attempts with jittered exponential waits', async () => {
    const receiver = await startReceiver(() => 429);
    const { sender, sleeps } = makeSender({ url: receiver.url }, { random: () => 0 });

    const delivery = await sender.deliver('billing', packet);

    expect(receiver.received).toHaveLength(5);
    expect(sleeps).toEqual([750, 1500, 3000, 6000]);
    expect(delivery).toMatchObject({ state: 'failed', attempts: 5, lastStatus: 429 });
  });

  it('When the receiver does not answer in time, then the attempt times out and is retried', async () => {
    const receiver = await startReceiver((n) => (n === 1 ? 'hang' : 200));
    const { sender } = makeSender({ url: receiver.url }, { timeoutMs: 150 });

    const delivery = await sender.deliver('billing', packet);

    expect(receiver.received).toHaveLength(2);
    expect(delivery).toMatchObject({ state: 'delivered', attempts: 2, lastStatus: 200, lastError: { code: 'webhook_timeout' } });
  });

  it('When nothing listens at the address, then network errors are retried and the delivery fails without throwing', async () => {
    const receiver = await startReceiver(() => 200);
    await receiver.close();
    const { sender } = makeSender({ url: receiver.url });

    const delivery = await sender.deliver('billing', packet);

    expect(delivery).toMatchObject({ state: 'failed', attempts: 5, lastError: { code: 'webhook_network_error' } });
  });

  it('When the address is on loopback and private networks are not allowed, then nothing is sent and the refusal is recorded', async () => {
    const receiver = await startReceiver(() => 200);
    const { sender, sleeps } = makeSender({ url: receiver.url, allowPrivateNetwork: false });

    const delivery = await sender.deliver('billing', packet);

    expect(receiver.received).toHaveLength(0);
    expect(sleeps).toEqual([]);
    expect(delivery).toMatchObject({ state: 'failed', attempts: 0, lastError: { code: 'webhook_url_refused' } });
  });

  it('When the address uses a host name, then the checked address is used for the connection and the name is the Host header', async () => {
    const receiver = await startReceiver(() => 200);
    const lookups: string[] = [];
    const { sender } = makeSender(
      { url: `http://baton-receiver.test:${receiver.port}/hooks` },
      { lookup: async (hostname) => (lookups.push(hostname), [{ address: '127.0.0.1', family: 4 }]) },
    );

    const delivery = await sender.deliver('billing', packet);

    expect(delivery).toMatchObject({ state: 'delivered' });
    expect(lookups).toEqual(['baton-receiver.test']);
    expect(receiver.received[0]?.headers.host).toBe(`baton-receiver.test:${receiver.port}`);
  });

  it('When the caller does not wait, then the delivery shows as sending until the receiver answers', async () => {
    let release!: (status: number) => void;
    const answered = new Promise<number>((resolve) => (release = resolve));
    const receiver = await startReceiver(() => answered);
    const { sender } = makeSender({ url: receiver.url });

    const pending = sender.deliver('billing', packet);
    await expect.poll(() => receiver.received.length).toBe(1);
    expect(sender.recentDeliveries('billing')[0]).toMatchObject({ state: 'sending', attempts: 1 });

    release(200);
    await pending;
    expect(sender.recentDeliveries('billing')[0]).toMatchObject({ state: 'delivered', attempts: 1 });
  });

  it('When a queue has no webhook or it is switched off, then nothing is sent or recorded', async () => {
    const receiver = await startReceiver(() => 200);
    const { sender } = makeSender({ url: receiver.url, enabled: false });

    expect(await sender.deliver('billing', packet)).toBeUndefined();
    expect(await sender.deliver('sales', packet)).toBeUndefined();
    expect(receiver.received).toHaveLength(0);
    expect(sender.recentDeliveries('billing')).toEqual([]);
  });

  it('When more deliveries happen than the log keeps, then only the newest are shown, newest first', async () => {
    const receiver = await startReceiver(() => 200);
    const { sender } = makeSender({ url: receiver.url }, { logSize: 2 });

    for (const callId of ['call-1', 'call-2', 'call-3']) await sender.deliver('billing', { ...packet, callId });

    expect(sender.recentDeliveries('billing').map((d) => d.callId)).toEqual(['call-3', 'call-2']);
  });

  it('When reading the settings fails inside Baton, then deliver resolves and the error is reported, not thrown', async () => {
    const reported: unknown[] = [];
    const sender = new WebhookSender({
      settingsFor: () => Promise.reject(new Error('settings store unavailable')),
      onInternalError: (error) => reported.push(error),
    });

    await expect(sender.deliver('billing', packet)).resolves.toBeUndefined();
    expect(reported).toEqual([expect.objectContaining({ message: 'settings store unavailable' })]);
  });
});
