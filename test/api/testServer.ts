import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { businessHoursSchema } from '@baton/shared';
import pino from 'pino';
import { createApp } from '../../server/src/http/createApp.ts';
import { attachWebSockets } from '../../server/src/http/webSockets.ts';
import { alwaysOpen } from '../../server/src/routing/testRouting.ts';
import { seedStaffing } from '../../server/src/seedStaffing.ts';
import { NlpjsNlu } from '../../server/src/nlu/NlpjsNlu.ts';
import { openStore } from '../../server/src/store/openStore.ts';
import type { Store } from '../../server/src/store/types.ts';
import type { LlmSettings } from '../../server/src/llm/LanguageModel.ts';

export const flowsDir = path.resolve(import.meta.dirname, '../../flows');
export const readExample = async (id: string) => JSON.parse(await readFile(path.join(flowsDir, `${id}.json`), 'utf8'));

/**
 * The real app on a real loopback port with a fresh data directory; `seed` fills the store before the app starts.
 * `llm`: a language model to use (e.g. the fake OpenAI-compatible server).
 */
export async function startTestServer(seed?: (store: Store) => Promise<unknown>, llm?: LlmSettings) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'baton-api-'));
  const store = await openStore(dataDir);
  await seed?.(store);
  const { app, routing, webSockets, voiceLevels } = createApp({ store, nlu: new NlpjsNlu(), log: pino({ level: process.env.TEST_LOG ?? 'silent' }) /* TEST_LOG=error shows the server's errors */, llm });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const sockets = attachWebSockets(server, webSockets);
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    dataDir,
    /** What a Twilio turn reads of the caller's audio (fed by `/twilio/media`). */
    voiceLevels,
    async stop(): Promise<void> {
      routing.close();
      for (const socket of sockets.clients) socket.terminate();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
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
  for (const queue of store.queues.list()) await store.queues.update({ ...queue, businessHours: businessHoursSchema.parse(alwaysOpen) });
}
