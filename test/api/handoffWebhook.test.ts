import { createServer, type IncomingMessage, type Server } from 'node:http';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../server/src/integrations/webhookSignature.ts';
import { readExample, seedOpenQueues, startTestServer } from './testServer.ts';

const SECRET = 'a-long-shared-secret-for-tests';

let server: Awaited<ReturnType<typeof startTestServer>>;
let receiver: Server;
let received: Promise<{ headers: IncomingMessage['headers']; body: string }>;
let receiverUrl: string;

beforeEach(async () => {
  server = await startTestServer(seedOpenQueues);
  await request(server.url).post('/api/flows').send(await readExample('billing-support'));
  // The outside system (a CRM) that wants to hear about every handoff to the billing queue.
  received = new Promise((resolve) => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        res.writeHead(204).end();
        resolve({ headers: req.headers, body });
      });
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/handoff`;
});
afterEach(async () => {
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
  await server.stop();
});

describe('Handoff webhooks', () => {
  it('When a caller is handed to a queue with a webhook, then the outside system receives the briefing, signed so it can check it came from Baton', async () => {
    const saved = await request(server.url).put('/api/queues/billing/webhook').send({ url: receiverUrl, secret: SECRET, allowPrivateNetwork: true });
    expect(saved.status).toBe(200);

    const call = await request(server.url).post('/api/calls').send({ flowId: 'billing-support', version: 'draft', caller: { name: 'Ada' } });
    const turn = await request(server.url).post(`/api/calls/${call.body.callId}/turns`).send({ text: 'let me talk to a real person' });
    expect(turn.body.actions.map((a: { type: string }) => a.type)).toContain('transfer');

    const { headers, body } = await received;
    const packet = JSON.parse(body);
    expect(packet).toMatchObject({ callId: call.body.callId, caller: { name: 'Ada' }, reason: { category: 'explicit_request' } });
    const check = verifyWebhook({
      body,
      secret: SECRET,
      timestamp: String(headers['x-baton-timestamp']),
      signature: String(headers['x-baton-signature']),
      nowSeconds: Math.floor(Date.now() / 1000),
    });
    expect(check).toEqual({ ok: true });
  });
});
