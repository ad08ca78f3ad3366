import type { Logger } from 'pino';
import { loadPersonas } from './simulation/loadPersonas.ts';
import type { Store } from './store/types.ts';

/** Into an empty persona collection (first start, or a store from before personas), loads the shipped personas. */
export async function seedPersonas(store: Store, personasDir: string, log: Logger): Promise<number> {
  if (!store.personas.isEmpty()) return 0;
  try {
    const personas = await loadPersonas(personasDir);
    for (const persona of personas) await store.personas.put(persona, 'absent');
    return personas.length;
  } catch (err) {
    log.warn({ personasDir, err: err instanceof Error ? err.message : err }, 'personas not loaded');
    return 0;
  }
}
