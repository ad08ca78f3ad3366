import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Store } from './store/types.ts';
import { validateForSave } from './usecases/flowUseCases.ts';

/** On first start (an empty store), loads the example flows so a newcomer has something to open. */
export async function seedExampleFlows(store: Store, flowsDir: string, log: Logger): Promise<number> {
  if (!store.flows.isEmpty()) return 0;
  const files = (await readdir(flowsDir)).filter((f) => f.endsWith('.json')).sort();
  let seeded = 0;
  for (const file of files) {
    try {
      const flow = validateForSave(JSON.parse(await readFile(path.join(flowsDir, file), 'utf8')));
      await store.flows.create(flow);
      seeded += 1;
    } catch (err) {
      log.warn({ file, err: err instanceof Error ? err.message : err }, 'example flow not loaded');
    }
  }
  return seeded;
}
