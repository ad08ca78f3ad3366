import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../server/src/integrations/webhookSignature.ts';
import { openEventStream } from './eventStream.ts';
import { useBillingServer } from './testServer.ts';

// A queue's caller lookup: at handoff Baton asks the contact center's own records about the caller's number, and the
// agent's briefing shows what they know.

const SECRET = 'a-long-shared-secret-for-tests';
const billing = useBillingServer();
const { api, streams } = billing;

let records: Server;
let recordsUrl: string;
let asked: Array<{ headers: IncomingHttpHeaders; body: string }>;
/** How long the records system takes to answer, and what it answers. */
let delayMs = 0;
let answer: unknown = { account: 'AC-1001', tier: 'gold', openComplaints: 2, nested: { ignored: true } };

beforeEach(async () => {
  asked = [];
  delayMs = 0;
  records = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      asked.push({ headers: req.headers, body });
      if (req.url === '/lookup') setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer)), delayMs);
      else res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => records.listen(0, '127.0.0.1', () => resolve()));
  recordsUrl = `http://127.0.0.1:${(records.address() as { port: number }).port}`;
  await api().put('/api/queues/billing/webhook').send({ url: `${recordsUrl}/handoff`, lookupUrl: `${recordsUrl}/lookup`, secret: SECRET, allowPrivateNetwork: true }).expect(200);
  await api().post('/api/desk/agents/amara-okafor/status').send({ status: 'available' }).expect(200);
});
afterEach(async () => {
  records.closeAllConnections();
  await new Promise((resolve) => records.close(resolve));
});

async function handOver() {
  const desk = await openEventStream(`${billing.server.url}/api/desk/agents/amara-okafor/events`, streams);
  const { callId } = (await api().post('/api/calls').send({ flowId: 'billing-support', caller: { name: 'Ada', phone: '+447700900123' } })).body;
  const started = Date.now();
  await api().post(`/api/calls/${callId}/turns`).send({ text: 'let me talk to a real person' }).expect(200);
  const offer = (await desk.next('offer_made')).data;
  return { callId: callId as string, offer, ms: Date.now() - started };
}

describe('The caller lookup', () => {
  it('When the queue has a caller lookup, then Baton asks it about the number, signed, and the agent\'s briefing shows what the records know', async () => {
    const { callId, offer } = await handOver();
    expect(offer.packet.callerDetails).toEqual({ account: 'AC-1001', tier: 'gold', openComplaints: 2 });
    const lookup = asked.find((a) => a.headers['x-baton-event'] === 'caller_lookup')!;
    expect(JSON.parse(lookup.body)).toEqual({ event: 'caller_lookup', callId, queueId: 'billing', caller: { phone: '+447700900123', name: 'Ada' } });
    expect(verifyWebhook({ body: lookup.body, secret: SECRET, timestamp: String(lookup.headers['x-baton-timestamp']), signature: String(lookup.headers['x-baton-signature']), nowSeconds: Math.floor(Date.now() / 1000) })).toEqual({ ok: true });
    // Kept with the call, as the desk and the call's record show it.
    expect((await api().get(`/api/calls/${callId}`)).body.handoff.packet.callerDetails).toMatchObject({ account: 'AC-1001' });
    expect((await api().get('/api/queues/billing/webhook')).body).toMatchObject({ lookupUrl: `${recordsUrl}/lookup`, secretSet: true });
  });

  it('When the records are slow or answer something odd, then the offer goes out within the budget without them', async () => {
    delayMs = 4_000;
    const slow = await handOver();
    expect(slow.offer.packet.callerDetails).toBeUndefined();
    expect(slow.ms).toBeLessThan(3_000);
  });

  it('When the records answer something that is not an object of plain values, then the briefing is left as it was', async () => {
    answer = ['not', 'an', 'object'];
    const { offer } = await handOver();
    expect(offer.packet.callerDetails).toBeUndefined();
    answer = { account: 'AC-1001', tier: 'gold', openComplaints: 2, nested: { ignored: true } };
  });
});
