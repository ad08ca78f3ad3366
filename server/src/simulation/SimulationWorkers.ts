import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Persona, SimulatedCallResult } from '@baton/shared';
import type { RealCall } from './replayRealCall.ts';
import type { FlowUnderTest } from './simulationFlow.ts';
import type { WorkerRequest } from './simulationWorker.ts';

/** Calls per message: small enough for smooth progress and quick cancelling, large enough that messaging costs little. */
const CHUNK = 250;
const IN_FLIGHT = 2;

export interface CallBatch {
  flowKey: string;
  flow: FlowUnderTest;
  personas: Persona[];
  seed: number;
  calls: number;
  /** Real calls to replay instead of seeded callers (`calls` of them). */
  realCalls?: readonly RealCall[];
}

export interface BatchOptions {
  signal?: AbortSignal;
  /** Called as calls finish, with how many just did. */
  onCalls?: (finished: number) => void;
}

export class SimulationCancelled extends Error {
  constructor() {
    super('The simulation was cancelled.');
    this.name = 'SimulationCancelled';
  }
}

/** A plain-JS entry that loads the TypeScript worker (see there why). */
const workerEntry = new URL('./simulationWorkerEntry.mjs', import.meta.url);

type ChunkReply = { chunk: number; results: SimulatedCallResult[] } | { chunk: number; error: string };

/**
 * A pool of worker threads, one per core, kept warm between runs (each keeps its trained flows).
 * Each worker takes the next range of calls as it finishes one; results are put back in call order,
 * so the merged list — and the report — is the same as a single-thread run's.
 */
export class SimulationWorkers {
  private workers: Worker[] = [];
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly size = availableParallelism()) {}

  /** Runs one batch after any batch already running. */
  run(batch: CallBatch, options: BatchOptions = {}): Promise<SimulatedCallResult[]> {
    const run = this.queue.then(() => this.runNow(batch, options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private start(): Worker[] {
    while (this.workers.length < this.size) {
      const worker = new Worker(workerEntry, { execArgv: [] });
      // A worker that dies between runs is simply replaced at the next run (a run in progress fails, below).
      worker.on('error', () => undefined);
      worker.on('exit', () => (this.workers = this.workers.filter((w) => w !== worker)));
      worker.unref();
      this.workers.push(worker);
    }
    return this.workers;
  }

  private runNow(batch: CallBatch, { signal, onCalls }: BatchOptions): Promise<SimulatedCallResult[]> {
    if (signal?.aborted) return Promise.reject(new SimulationCancelled());
    if (batch.calls === 0) return Promise.resolve([]);
    const workers = this.start();
    const chunks = Math.ceil(batch.calls / CHUNK);
    const parts: SimulatedCallResult[][] = new Array(chunks);
    let next = 0;
    let finished = 0;
    return new Promise<SimulatedCallResult[]>((resolve, reject) => {
      const listeners = workers.map((worker) => {
        const onMessage = (reply: ChunkReply) => {
          if ('error' in reply) return end(new Error(reply.error));
          parts[reply.chunk] = reply.results;
          finished += 1;
          onCalls?.(reply.results.length);
          if (finished === chunks) return end();
          send(worker);
        };
        const onError = (err: Error) => end(err);
        const onExit = () => end(new Error('A simulation worker thread stopped unexpectedly; run the simulation again.'));
        worker.on('message', onMessage);
        worker.on('error', onError);
        worker.on('exit', onExit);
        worker.ref();
        return { worker, onMessage, onError, onExit };
      });
      const onAbort = () => end(new SimulationCancelled());
      signal?.addEventListener('abort', onAbort);
      let ended = false;
      const end = (error?: Error) => {
        if (ended) return;
        ended = true;
        signal?.removeEventListener('abort', onAbort);
        for (const { worker, onMessage, onError, onExit } of listeners) {
          worker.off('message', onMessage);
          worker.off('error', onError);
          worker.off('exit', onExit);
          worker.unref();
        }
        if (!error) return resolve(parts.flat());
        // Workers may still be busy with a cancelled batch's ranges: start afresh rather than mix replies.
        void this.close();
        reject(error);
      };
      const send = (worker: Worker) => {
        if (ended || next >= chunks) return;
        const chunk = next++;
        const from = chunk * CHUNK;
        const to = Math.min(batch.calls, from + CHUNK);
        // Real calls travel with their range, so each is copied to one worker only.
        const request: WorkerRequest = { type: 'calls', chunk, from, to, ...(batch.realCalls ? { realCalls: batch.realCalls.slice(from, to) } : {}) };
        worker.postMessage(request);
      };
      // The flow and the callers go to each worker once per batch, not with every range of calls.
      const setup: WorkerRequest = { type: 'batch', flowKey: batch.flowKey, flow: batch.flow, personas: batch.personas, seed: batch.seed };
      for (const worker of workers) worker.postMessage(setup);
      // Two ranges in flight per worker, so none sits idle while its next range is on the way.
      for (let depth = 0; depth < IN_FLIGHT; depth++) for (const worker of workers) send(worker);
    });
  }
}
