import { readFile, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { businessHoursSchema, type FlowDocument } from '@baton/shared';
import pino from 'pino';
import { createApp } from '../../http/createApp.ts';
import { attachWebSockets } from '../../http/webSockets.ts';
import { NlpjsNlu } from '../../nlu/NlpjsNlu.ts';
import { alwaysOpen } from '../../routing/testRouting.ts';
import { seedStaffing } from '../../seedStaffing.ts';
import { openStore } from '../../store/openStore.ts';
import type { TwilioSettings } from './twilioSettings.ts';

const flowsDir = path.resolve(import.meta.dirname, '../../../../flows');

/** The billing example, with `change` applied (tests shorten its wait-update interval). */
export async function billingExample(change: (flow: FlowDocument) => void = () => {}): Promise<FlowDocument> {
  const flow = JSON.parse(await readFile(path.join(flowsDir, 'billing-support.json'), 'utf8')) as FlowDocument;
  change(flow);
  return flow;
}

/**
 * For the Twilio tests and bench: the real app on loopback with Twilio settings, a fresh data directory, the example
 * queues and agents (open around the clock, agents signed out) and the given flows.
 */
export async function startTwilioTestServer(twilio: TwilioSettings, flows: FlowDocument[], onServed?: (path: string, ms: number) => void) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'baton-twilio-'));
  const store = await openStore(dataDir);
  await seedStaffing(store, path.join(flowsDir, 'staffing'), pino({ level: 'silent' }));
  for (const queue of store.queues.list()) await store.queues.update({ ...queue, businessHours: businessHoursSchema.parse(alwaysOpen) });
  for (const flow of flows) await store.flows.create(flow);
  const { app, routing, webSockets, voiceLevels } = createApp({ store, nlu: new NlpjsNlu(), log: pino({ level: process.env.TEST_LOG ?? 'silent' }), twilio });
  // `onServed` times each request inside the server: from its arrival to the last byte of the answer.
  const server = http.createServer((req, res) => {
    if (onServed) {
      const began = performance.now();
      // Read now: Express rewrites req.url while a mounted router handles it.
      const url = req.url ?? '';
      res.on('finish', () => onServed(url, performance.now() - began));
    }
    app(req, res);
  });
  const sockets = attachWebSockets(server, webSockets);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url,
    store,
    /** What each Gather turn reads of the caller's audio (fed by the media stream). */
    voiceLevels,
    /** A JSON request to Baton's own API. */
    api: (p: string, init?: { method?: string; body?: unknown }) =>
      fetch(`${url}${p}`, { method: init?.method ?? 'GET', headers: { 'content-type': 'application/json' }, body: init?.body === undefined ? undefined : JSON.stringify(init.body) }),
    async stop() {
      routing.close();
      for (const socket of sockets.clients) socket.terminate();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
