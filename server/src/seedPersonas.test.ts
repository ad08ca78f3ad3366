import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedPersonas } from './seedPersonas.ts';
import { openStore } from './store/openStore.ts';
import type { Store } from './store/types.ts';

const personasDir = path.resolve(import.meta.dirname, '../../flows/personas');
const log = pino({ level: 'silent' });
let dataDir: string;
let store: Store;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'baton-personas-'));
  store = await openStore(dataDir);
});
afterEach(async () => {
  await store.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('seeding personas', () => {
  it('When the store has no personas, then the shipped ones are loaded, and they survive a restart', async () => {
    expect(await seedPersonas(store, personasDir, log)).toBeGreaterThanOrEqual(6);
    await store.close();
    store = await openStore(dataDir);
    expect(store.personas.list().map((p) => p.id)).toEqual(expect.arrayContaining(['calm-regular', 'impatient', 'elderly-unsure', 'angry-repeat-caller', 'fraud-victim', 'asks-for-agent']));
  });

  it('When personas were edited, then a restart does not overwrite them with the shipped ones', async () => {
    await seedPersonas(store, personasDir, log);
    const calm = store.personas.get('calm-regular')!;
    await store.personas.put({ ...calm, patienceTurns: 12 }, calm.version);
    expect(await seedPersonas(store, personasDir, log)).toBe(0);
    expect(store.personas.get('calm-regular')!.patienceTurns).toBe(12);
  });
});
