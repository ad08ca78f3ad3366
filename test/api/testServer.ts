import { readFile } from 'node:fs/promises';
import path from 'node:path';
import request from 'supertest';
import { afterEach, beforeEach } from 'vitest';
import type { LlmSettings } from '../../server/src/llm/LanguageModel.ts';
import type { Store } from '../../server/src/store/types.ts';
import { flowsDir, startLoopbackServer } from '../../server/src/testing/loopbackServer.ts';

import { seedOpenQueues } from '../../server/src/testing/loopbackServer.ts';

export { flowsDir, seedOpenQueues } from '../../server/src/testing/loopbackServer.ts';
export const readExample = async (id: string) => JSON.parse(await readFile(path.join(flowsDir, `${id}.json`), 'utf8'));

/**
 * The real app on a real loopback port with a fresh data directory; `seed` fills the store before the app starts.
 * `llm`: a language model to use (e.g. the fake OpenAI-compatible server).
 */
export const startTestServer = (seed?: (store: Store) => Promise<unknown>, llm?: LlmSettings) => startLoopbackServer({ seed, llm });

/**
 * For a test file: before each test, a fresh server with the example queues open around the clock and the billing
 * example loaded; after it, its event streams closed and the server stopped.
 */
export function useBillingServer() {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const streams: AbortController[] = [];
  beforeEach(async () => {
    server = await startTestServer(seedOpenQueues);
    await request(server.url).post('/api/flows').send(await readExample('billing-support')).expect(201);
  });
  afterEach(async () => {
    for (const s of streams.splice(0)) s.abort();
    await server.stop();
  });
  return {
    get server() {
      return server;
    },
    /** Event streams opened with these controllers are closed after each test. */
    streams,
    api: () => request(server.url),
  };
}
