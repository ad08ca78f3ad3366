import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { acquireDataDirLock } from './dataDirLock.ts';
import type { LockOwner } from './lockOwner.ts';
import { emptyDbData, upgradeDbData, type DbData } from './DbData.ts';
import { DurableJsonFile } from './DurableJsonFile.ts';
import { LowdbConversationTestRepository } from './LowdbConversationTestRepository.ts';
import { JsonlCallLog } from './JsonlCallLog.ts';
import { LowdbFlowRepository } from './LowdbFlowRepository.ts';
import { LowdbPersonaRepository } from './LowdbPersonaRepository.ts';
import { LowdbCallbackRepository } from './LowdbCallbackRepository.ts';
import { LowdbAgentRepository } from './LowdbAgentRepository.ts';
import { LowdbQueueRepository } from './LowdbQueueRepository.ts';
import { LowdbNumberRepository } from './LowdbNumberRepository.ts';
import { LiveCallFile } from './LiveCallFile.ts';
import { RoutingStateFile } from './RoutingStateFile.ts';
import type { CallLog, Store } from './types.ts';

/**
 * Opens the data directory for this process: rejects with DataDirLockedError if another server holds
 * it, and with CorruptDataFileError (releasing the lock) if `baton.json` cannot be read.
 */
export interface OpenStoreOptions {
  /** The lock was left by a server that is no longer running (crashed, killed) and this one took it over at once. */
  onStaleLockTaken?: (owner: LockOwner) => void;
  /** Temporary files of writes a crash interrupted were removed. */
  onLeftoversRemoved?: (count: number) => void;
}

/** The store with its call log elsewhere (PostgreSQL, for several instances); closing it closes that log too. */
export function withCallLog(store: Store, calls: CallLog & { close(): Promise<void> }): Store {
  return { ...store, calls, close: () => Promise.all([store.close(), calls.close()]).then(() => undefined) };
}

export async function openStore(dataDir: string, options: OpenStoreOptions = {}): Promise<Store> {
  const dir = path.resolve(dataDir);
  await mkdir(dir, { recursive: true });
  const release = await acquireDataDirLock(dir, { onStaleLockTaken: options.onStaleLockTaken });
  let calls: JsonlCallLog;
  let flows: LowdbFlowRepository;
  let conversationTests: LowdbConversationTestRepository;
  let personas: LowdbPersonaRepository;
  let queues: LowdbQueueRepository;
  let agents: LowdbAgentRepository;
  let callbacks: LowdbCallbackRepository;
  let numbers: LowdbNumberRepository;
  let liveCalls: LiveCallFile;
  let routingState: RoutingStateFile;
  try {
    const file = new DurableJsonFile<DbData>(path.join(dir, 'baton.json'));
    const leftovers = await file.removeLeftovers();
    if (leftovers > 0) options.onLeftoversRemoved?.(leftovers);
    const db = new Low<DbData>(file, emptyDbData());
    await db.read();
    // A file written before a collection existed still gets it.
    db.data = upgradeDbData(db.data);
    flows = new LowdbFlowRepository(db);
    conversationTests = new LowdbConversationTestRepository(db);
    personas = new LowdbPersonaRepository(db);
    queues = new LowdbQueueRepository(db);
    agents = new LowdbAgentRepository(db);
    callbacks = new LowdbCallbackRepository(db);
    numbers = new LowdbNumberRepository(db);
    calls = new JsonlCallLog(path.join(dir, 'calls'));
    liveCalls = await LiveCallFile.open(path.join(dir, 'live-calls.jsonl'));
    routingState = await RoutingStateFile.open(path.join(dir, 'routing.json'));
  } catch (error) {
    await release();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    flows,
    conversationTests,
    personas,
    queues,
    agents,
    callbacks,
    numbers,
    calls,
    liveCalls,
    routingState,
    dataDir: dir,
    close() {
      closing ??= Promise.all([liveCalls.close(), calls.close()]).then(() => undefined).finally(release);
      return closing;
    },
  };
}
