import { createReadStream, createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { endsWithNewline } from './endsWithNewline.ts';
import { CallsByNumber } from './CallsByNumber.ts';
import type { CallLog } from './types.ts';
import type { EarlierCall } from '@baton/shared';

const DAY_FILE = /^\d{4}-\d{2}-\d{2}\.jsonl$/;
/** A line's call id, as the log writes it (first). */
const CALL_ID = /^\{"callId":"([^"\\]+)"/;
// Bounds the in-memory index on a long-running server; older calls are still found by scanning.
const INDEX_LIMIT = 10_000;

type CallRecord = Record<string, unknown>;

/** Lines appended within this window go to disk in one write: a turn costs no system call of its own. */
const BATCH_MS = 10;

/**
 * Call records as JSON Lines in `<dir>/<YYYY-MM-DD>.jsonl` (UTC day of the append). Appends go to one
 * open stream per day file, batched, so a call turn costs a string in memory, not an open, a write or a rewrite.
 */
export class JsonlCallLog implements CallLog {
  private readonly streams = new Map<string, WriteStream>();
  private readonly index = new Map<string, string[]>();
  private readonly batches = new Map<string, string[]>();
  private timer: NodeJS.Timeout | undefined;
  private pending = 0;
  private idle: Array<() => void> = [];
  private failure: Error | undefined;
  private closed = false;
  private readonly byNumber: CallsByNumber;

  constructor(
    readonly dir: string,
    private readonly now: () => Date = () => new Date(),
    private readonly onError: (error: Error) => void = (error) => console.error(`Call log: ${error.message}`),
  ) {
    mkdirSync(dir, { recursive: true });
    this.byNumber = new CallsByNumber(path.join(dir, 'by-number.jsonl'), (error) => this.fail(error));
  }

  callEnded(phone: string, call: EarlierCall): void {
    if (!this.closed) this.byNumber.add(phone, call);
  }

  async earlierCalls(phone: string, limit: number): Promise<EarlierCall[]> {
    return this.byNumber.latest(phone, limit);
  }

  append(callId: string, record: CallRecord): void {
    if (this.closed) return this.onError(new Error(`record for call ${callId} dropped: the call log is closed`));
    const at = this.now().toISOString();
    const file = `${at.slice(0, 10)}.jsonl`;
    // callId is re-applied last so a record cannot file itself under another call.
    const line = `${JSON.stringify(Object.assign({ callId, at }, record, { callId }))}\n`;
    this.remember(callId, file);
    const batch = this.batches.get(file);
    if (batch) batch.push(line);
    else this.batches.set(file, [line]);
    this.timer ??= setTimeout(() => this.writeBatches(), BATCH_MS);
  }

  private writeBatches(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const [file, lines] of this.batches) {
      this.batches.delete(file);
      this.pending++;
      this.stream(file).write(lines.join(''), (error) => {
        if (error) this.fail(error);
        if (--this.pending === 0) for (const resolve of this.idle.splice(0)) resolve();
      });
    }
  }

  async flush(): Promise<void> {
    this.writeBatches();
    if (this.pending > 0) await new Promise<void>((resolve) => this.idle.push(resolve));
    const failure = this.failure;
    this.failure = undefined;
    if (failure) throw failure;
  }

  async read(callId: string): Promise<CallRecord[]> {
    await this.flush().catch(() => undefined);
    const known = this.index.get(callId);
    if (known) return (await Promise.all(known.map((file) => this.readFile(file, callId)))).flat();
    const files = (await readdir(this.dir)).filter((name) => DAY_FILE.test(name)).sort().reverse();
    const found: CallRecord[][] = [];
    for (const file of files) {
      const records = await this.readFile(file, callId);
      // A call spans consecutive days: once found, the first older day without it ends the search.
      if (records.length === 0 && found.length > 0) break;
      if (records.length > 0) found.unshift(records);
    }
    return found.flat();
  }

  async readCalls(callIds: readonly string[], since: Date): Promise<Map<string, CallRecord[]>> {
    await this.flush().catch(() => undefined);
    const wanted = new Set(callIds);
    const found = new Map<string, CallRecord[]>();
    const first = `${since.toISOString().slice(0, 10)}.jsonl`;
    const files = (await readdir(this.dir)).filter((name) => DAY_FILE.test(name) && name >= first).sort();
    for (const file of files) {
      const input = createReadStream(path.join(this.dir, file), 'utf8');
      try {
        for await (const line of createInterface({ input, crlfDelay: Infinity })) {
          // Only the lines of wanted calls are parsed: the id is read from the line's text first.
          const id = CALL_ID.exec(line)?.[1];
          if (id === undefined || !wanted.has(id)) continue;
          const record = parseLine(line);
          if (record?.callId !== id) continue;
          const records = found.get(id);
          if (records) records.push(record);
          else found.set(id, [record]);
        }
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    return found;
  }

  async readFacts(cursor: string | undefined, limit: number): Promise<{ records: CallRecord[]; cursor: string | undefined; skipped: number }> {
    await this.flush().catch(() => undefined);
    const files = (await readdir(this.dir)).filter((name) => DAY_FILE.test(name)).sort();
    const [atFile, atOffset] = cursor ? [cursor.slice(0, cursor.lastIndexOf(':')), Number(cursor.slice(cursor.lastIndexOf(':') + 1))] : [files[0], 0];
    const records: CallRecord[] = [];
    let skipped = 0;
    let last = cursor;
    for (const file of files) {
      if (atFile && file < atFile) continue;
      let offset = file === atFile ? atOffset : 0;
      let rest: Buffer = Buffer.alloc(0);
      const input = createReadStream(path.join(this.dir, file), { start: offset });
      try {
        for await (const chunk of input as AsyncIterable<Buffer>) {
          const buffer = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
          let start = 0;
          for (let end = buffer.indexOf(10, start); end >= 0; end = buffer.indexOf(10, start)) {
            const line = buffer.subarray(start, end);
            offset += end - start + 1;
            start = end + 1;
            // Bytes first: most lines are turns, which analytics does not read.
            if (!line.includes(FACTS_KEY) && !line.includes(WRAP_UP_KEY)) continue;
            const record = parseLine(line.toString('utf8'));
            if (record && (isObject(record.facts) || isObject(record.wrapUp))) records.push(record);
            else skipped++;
          }
          rest = buffer.subarray(start);
          if (records.length >= limit) break;
        }
      } finally {
        input.destroy();
      }
      // A line still being written (no newline yet) is read next time, whole.
      last = `${file}:${offset}`;
      if (records.length >= limit) break;
    }
    return { records, cursor: last, skipped };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.flush().catch((error: Error) => this.onError(error));
    await Promise.all([...this.streams.values()].map((stream) => endStream(stream)).concat(this.byNumber.close()));
    this.streams.clear();
  }

  private stream(file: string): WriteStream {
    const open = this.streams.get(file);
    if (open) return open;
    for (const [name, old] of this.streams) {
      // A new day has begun; earlier days' files receive nothing more from this process.
      this.streams.delete(name);
      old.end();
    }
    const target = path.join(this.dir, file);
    const stream = createWriteStream(target, { flags: 'a' });
    stream.on('error', (error) => {
      this.fail(error);
      if (this.streams.get(file) === stream) this.streams.delete(file);
    });
    // A crash can leave a torn last line; without a newline first, our first record would be glued to it.
    // Checked synchronously once per day file per process, so it stays ordered before the first append.
    if (!endsWithNewline(target)) stream.write('\n');
    this.streams.set(file, stream);
    return stream;
  }

  private async readFile(file: string, callId: string): Promise<CallRecord[]> {
    const records: CallRecord[] = [];
    const marker = `"callId":${JSON.stringify(callId)}`;
    const input = createReadStream(path.join(this.dir, file), 'utf8');
    const lines = createInterface({ input, crlfDelay: Infinity });
    try {
      for await (const line of lines) {
        // Cheap substring test first: most lines in a day file belong to other calls.
        if (!line.includes(marker)) continue;
        const record = parseLine(line);
        if (record?.callId === callId) records.push(record);
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    return records;
  }

  private remember(callId: string, file: string): void {
    const files = this.index.get(callId);
    if (files) {
      if (files.at(-1) !== file) files.push(file);
      return;
    }
    this.index.set(callId, [file]);
    if (this.index.size > INDEX_LIMIT) this.index.delete(this.index.keys().next().value as string);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.onError(error);
  }
}

const FACTS_KEY = Buffer.from('"facts":');
const WRAP_UP_KEY = Buffer.from('"wrapUp":');
const isObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);

function parseLine(line: string): CallRecord | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as CallRecord) : undefined;
  } catch {
    return undefined; // a torn or damaged line: skip it rather than lose the rest of the call
  }
}

function endStream(stream: WriteStream): Promise<void> {
  if (stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => stream.end(() => resolve()));
}
