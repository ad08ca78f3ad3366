import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { conversationFileSchema } from '@baton/shared';
import type { Logger } from 'pino';
import type { Store } from './store/types.ts';
import { validateForSave } from './usecases/flowUseCases.ts';

const jsonFiles = async (dir: string) => (await readdir(dir).catch(() => [])).filter((f) => f.endsWith('.json')).sort();

/**
 * On first start (an empty store), loads the example flows so a newcomer has something to open, and
 * their conversation tests from `conversations/` (each given an id from its name).
 */
export async function seedExampleFlows(store: Store, flowsDir: string, log: Logger): Promise<number> {
  if (!store.flows.isEmpty()) return 0;
  const seeded = new Set<string>();
  for (const file of await jsonFiles(flowsDir)) {
    try {
      const flow = validateForSave(JSON.parse(await readFile(path.join(flowsDir, file), 'utf8')));
      await store.flows.create(flow);
      seeded.add(flow.id);
    } catch (err) {
      log.warn({ file, err: err instanceof Error ? err.message : err }, 'example flow not loaded');
    }
  }
  const testsDir = path.join(flowsDir, 'conversations');
  for (const file of await jsonFiles(testsDir)) {
    try {
      const suite = conversationFileSchema.parse(JSON.parse(await readFile(path.join(testsDir, file), 'utf8')));
      if (seeded.has(suite.flowId)) await store.conversationTests.create(suite.flowId, suite.tests);
    } catch (err) {
      log.warn({ file, err: err instanceof Error ? err.message : err }, 'example conversation tests not loaded');
    }
  }
  return seeded.size;
}
