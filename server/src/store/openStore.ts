import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { acquireDataDirLock } from './dataDirLock.ts';
import type { LockOwner } from './lockOwner.ts';
import { isEmptyData, upgradeDbData, type DbData } from './DbData.ts';
import { LowdbData, type StoreData } from './StoreData.ts';
import { DurableJsonFile } from './DurableJsonFile.ts';
import { DbConversationTestRepository } from './DbConversationTestRepository.ts';
import { JsonlCallLog } from './JsonlCallLog.ts';
import { DbFlowRepository } from './DbFlowRepository.ts';
import { DbPersonaRepository } from './DbPersonaRepository.ts';
import { DbCallbackRepository } from './DbCallbackRepository.ts';
import { DbAgentRepository } from './DbAgentRepository.ts';
import { DbQueueRepository } from './DbQueueRepository.ts';
import { DbAccountRepository } from './DbAccountRepository.ts';
import { DbAuditLog } from './audit.ts';
import { AuditFile } from './AuditFile.ts';
import { DbPublishRequestRepository } from './DbPublishRequestRepository.ts';
import { DbNumberRepository } from './DbNumberRepository.ts';
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
  /**
   * The store's data elsewhere (PostgreSQL, for several instances) rather than in `baton.json`; closed with the store.
   * When it is empty and the directory's `baton.json` is not, it starts as a copy of the file (moving to several instances).
   */
  data?: StoreData;
  /** `baton.json` was copied into an empty `data`. */
  onFileCopied?: () => void;
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
  let flows: DbFlowRepository;
  let conversationTests: DbConversationTestRepository;
  let personas: DbPersonaRepository;
  let queues: DbQueueRepository;
  let agents: DbAgentRepository;
  let callbacks: DbCallbackRepository;
  let numbers: DbNumberRepository;
  let accounts: DbAccountRepository;
  let audit: DbAuditLog;
  let publishRequests: DbPublishRequestRepository;
  let liveCalls: LiveCallFile;
  let routingState: RoutingStateFile;
  let db: StoreData;
  try {
    const file = new DurableJsonFile<DbData>(path.join(dir, 'baton.json'));
    const leftovers = await file.removeLeftovers();
    if (leftovers > 0) options.onLeftoversRemoved?.(leftovers);
    // A file written before a collection existed still gets it.
    const fromFile = upgradeDbData(await file.read());
    const trailFile = path.join(dir, 'audit.jsonl');
    db = options.data ?? new LowdbData(file, fromFile, await AuditFile.open(trailFile, fromFile.audit));
    if (options.data && !isEmptyData(fromFile)) {
      const data = options.data;
      // The whole audit trail goes with it, not only the latest entries baton.json keeps.
      const trail = await AuditFile.entriesIn(trailFile);
      const copy = trail.length > 0 ? { ...fromFile, audit: trail } : fromFile;
      const copied = await data.alone(() => data.commit((current) => (isEmptyData(current) ? { next: copy, result: true } : { next: current, result: false })));
      if (copied) options.onFileCopied?.();
    }
    flows = new DbFlowRepository(db);
    conversationTests = new DbConversationTestRepository(db);
    personas = new DbPersonaRepository(db);
    queues = new DbQueueRepository(db);
    agents = new DbAgentRepository(db);
    callbacks = new DbCallbackRepository(db);
    numbers = new DbNumberRepository(db);
    accounts = new DbAccountRepository(db);
    audit = new DbAuditLog(db);
    publishRequests = new DbPublishRequestRepository(db);
    calls = new JsonlCallLog(path.join(dir, 'calls'));
    liveCalls = await LiveCallFile.open(path.join(dir, 'live-calls.jsonl'));
    routingState = await RoutingStateFile.open(path.join(dir, 'routing.json'));
  } catch (error) {
    await options.data?.close();
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
    accounts,
    audit,
    publishRequests,
    calls,
    liveCalls,
    routingState,
    dataDir: dir,
    alone: (work) => db.alone(work),
    fresh: () => db.fresh(),
    close() {
      closing ??= Promise.all([liveCalls.close(), calls.close(), db.close()]).then(() => undefined).finally(release);
      return closing;
    },
  };
}
