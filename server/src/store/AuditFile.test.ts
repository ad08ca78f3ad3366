import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AUDIT_KEPT } from './DbData.ts';
import { openStore } from './openStore.ts';
import type { Store } from './types.ts';

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function open(dir: string) {
  const store = await openStore(dir);
  stores.push(store);
  return store;
}

describe('the audit trail on one machine', () => {
  it('When more changes are made than memory keeps, then the trail still has every one, oldest included, after a restart, and filters and pages read all of it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'baton-audit-'));
    dirs.push(dir);
    let store = await open(dir);
    const made = AUDIT_KEPT + 25;
    for (let i = 0; i < made; i++) await store.audit.add({ action: i % 5 === 0 ? 'queue_changed' : 'sign_in', subject: `change ${i}` }, i % 2 === 0 ? 'ann' : 'bob');
    expect(store.audit.list()).toHaveLength(AUDIT_KEPT);

    await store.close();
    stores.length = 0;
    store = await open(dir);
    const all = await store.audit.page({ limit: 10, offset: 0 });
    expect(all.total).toBe(made);
    expect(all.entries[0].subject).toBe(`change ${made - 1}`);
    const oldest = await store.audit.page({ limit: 10, offset: made - 2 });
    expect(oldest.entries.map((e) => e.subject)).toEqual(['change 1', 'change 0']);
    const anns = await store.audit.page({ who: 'ANN', action: 'queue_changed', limit: 1000, offset: 0 });
    // Every tenth change is Ann's (even) and a queue's (a multiple of five).
    expect(anns.total).toBe(Math.ceil(made / 10));
    expect(anns.entries.every((e) => e.who === 'ann' && e.action === 'queue_changed')).toBe(true);
    // Over a thousand changes, each written to disk before it counts: seconds on a busy machine.
  }, 120_000);
});
