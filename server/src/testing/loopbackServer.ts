import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { businessHoursSchema } from '@baton/shared';
import pino, { type Logger } from 'pino';
import { createApp, type AppDeps } from '../http/createApp.ts';
import { attachWebSockets } from '../http/webSockets.ts';
import { NlpjsNlu } from '../nlu/NlpjsNlu.ts';
import { alwaysOpen } from '../routing/testRouting.ts';
import { seedStaffing } from '../seedStaffing.ts';
import { forgetCredentials, registerCredentials } from './credentials.ts';
import { addTestTokens } from './testAccounts.ts';
import { openStore, withCallLog } from '../store/openStore.ts';
import type { StoreData } from '../store/StoreData.ts';
import type { CallLog, Store } from '../store/types.ts';

export const flowsDir = path.resolve(import.meta.dirname, '../../../flows');

export interface LoopbackOptions extends Pick<AppDeps, 'llm' | 'twilio' | 'maxLiveCalls' | 'offerTimeoutSeconds' | 'callIdleSeconds' | 'sharedCalls' | 'routingLog' | 'routingSnapshotEvery' | 'callStartsPerMinute'> {
  /** The host names the server answers to (BATON_ALLOWED_HOSTS). */
  allowedHosts?: string[];
  /** Fills the fresh store before the app starts. */
  seed?: (store: Store) => Promise<unknown>;
  /** Times each request inside the server: from its arrival to the last byte of the answer (for benches). */
  onServed?: (path: string, ms: number) => void;
  /** The server's logger, for a test that reads what is logged; else silent (or at `TEST_LOG`). */
  log?: Logger;
  /** The call log elsewhere (PostgreSQL, as several instances share it); closed with the server. */
  callLog?: CallLog & { close(): Promise<void> };
  /** The store's data elsewhere (PostgreSQL, as several instances share it); closed with the server. */
  storeData?: StoreData;
}

/**
 * For tests and benches: the real app (HTTP and WebSockets) on a loopback port with a fresh data directory.
 * `TEST_LOG=error` shows the server's errors.
 */
export async function startLoopbackServer(options: LoopbackOptions = {}) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'baton-test-'));
  const opened = await openStore(dataDir, { data: options.storeData });
  const store = options.callLog ? withCallLog(opened, options.callLog) : opened;
  await options.seed?.(store);
  // The harness acts as an admin's script would: with an access key (see credentials.ts).
  const tokens = await addTestTokens(store);
  const { app, calls, routing, webSockets, voiceLevels, analytics } = createApp({ store, nlu: new NlpjsNlu(), log: options.log ?? pino({ level: process.env.TEST_LOG ?? 'silent' }), llm: options.llm, twilio: options.twilio, maxLiveCalls: options.maxLiveCalls, offerTimeoutSeconds: options.offerTimeoutSeconds, callIdleSeconds: options.callIdleSeconds, sharedCalls: options.sharedCalls, routingLog: options.routingLog, routingSnapshotEvery: options.routingSnapshotEvery, allowedHosts: options.allowedHosts, callStartsPerMinute: options.callStartsPerMinute });
  await routing.ready;
  const onServed = options.onServed;
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
  registerCredentials(url, tokens.admin);
  return {
    url,
    /** Access keys for each role, for tests of who may do what. */
    tokens,
    store,
    dataDir,
    /** The call service, for a test that drives what a signal would (e.g. `calls.drain()` as on SIGTERM). */
    calls,
    /** What a Twilio turn reads of the caller's audio (fed by `/twilio/media`). */
    voiceLevels,
    /** A JSON request to Baton's own API. */
    api: (p: string, init?: { method?: string; body?: unknown; headers?: Record<string, string> }) =>
      fetch(`${url}${p}`, { method: init?.method ?? 'GET', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.admin}`, ...init?.headers }, body: init?.body === undefined ? undefined : JSON.stringify(init.body) }),
    async stop(): Promise<void> {
      forgetCredentials(url);
      await routing.close();
      for (const socket of sockets.clients) socket.terminate();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await analytics.close();
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Seeds the example queues and agents (flows/staffing) with every queue open around the clock, so no test depends on
 * the hour it runs at. Agents are signed out until a test signs them in.
 */
export async function seedOpenQueues(store: Store) {
  await seedStaffing(store, path.join(flowsDir, 'staffing'), pino({ level: 'silent' }));
  for (const queue of store.queues.list()) await store.queues.update({ ...queue, businessHours: businessHoursSchema.parse(alwaysOpen) }, queue.version);
}
