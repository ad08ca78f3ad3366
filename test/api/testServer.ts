import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LlmSettings } from '../../server/src/llm/LanguageModel.ts';
import type { Store } from '../../server/src/store/types.ts';
import { flowsDir, startLoopbackServer } from '../../server/src/testing/loopbackServer.ts';

export { flowsDir, seedOpenQueues } from '../../server/src/testing/loopbackServer.ts';
export const readExample = async (id: string) => JSON.parse(await readFile(path.join(flowsDir, `${id}.json`), 'utf8'));

/**
 * The real app on a real loopback port with a fresh data directory; `seed` fills the store before the app starts.
 * `llm`: a language model to use (e.g. the fake OpenAI-compatible server).
 */
export const startTestServer = (seed?: (store: Store) => Promise<unknown>, llm?: LlmSettings) => startLoopbackServer({ seed, llm });
