import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { agentSettingsSchema, queueSettingsSchema } from '@baton/shared';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Store } from './store/types.ts';

async function readList<S extends z.ZodType>(file: string, schema: S): Promise<Array<z.infer<S>>> {
  const parsed = z.array(schema).safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) throw new Error(`${path.basename(file)}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/**
 * Into an empty queue or agent collection (first start, or a store from before them), loads the example staffing
 * (flows/staffing/queues.json and agents.json), so the example flows' queues exist and have people in them.
 */
export async function seedStaffing(store: Store, staffingDir: string, log: Logger): Promise<{ queues: number; agents: number }> {
  const seeded = { queues: 0, agents: 0 };
  try {
    if (store.queues.isEmpty()) {
      for (const queue of await readList(path.join(staffingDir, 'queues.json'), queueSettingsSchema)) await store.queues.create(queue);
      seeded.queues = store.queues.list().length;
    }
    if (store.agents.isEmpty()) {
      for (const agent of await readList(path.join(staffingDir, 'agents.json'), agentSettingsSchema)) await store.agents.create(agent);
      seeded.agents = store.agents.list().length;
    }
  } catch (err) {
    log.warn({ staffingDir, err: err instanceof Error ? err.message : err }, 'example queues and agents not loaded');
  }
  return seeded;
}
