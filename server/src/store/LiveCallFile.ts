import { appendFile, readFile } from 'node:fs/promises';
import { endsWithNewline } from './endsWithNewline.ts';
import { removeLeftovers, replaceFileDurably } from './DurableJsonFile.ts';
import type { LiveCallStore } from './types.ts';

type Saved = Record<string, unknown>;
/** What the call service saves of a call: the whole call, or its changes since its previous line. */
type Line = { text: string; whole: boolean };

/** Changes within this window are written together: a turn costs a map entry, not a write. */
const BATCH_MS = 50;
/**
 * A call is written at most this often, unless its status changed (handed over, connected, ended). A person's turns
 * come seconds apart, so each is written within BATCH_MS; a machine sending many turns a second has them written
 * together (each write serialises the whole call, and that, not the disk, is what a busy server would pay for).
 */
const MIN_INTERVAL_MS = 1_000;
/** The file is rewritten with only the lines of the calls in progress once it holds this many lines (and 4× as many as it needs). */
const COMPACT_AFTER_LINES = 2_000;

/**
 * The embedded default's calls in progress: JSON Lines in one file of the data directory, one line per save of a call
 * (`{ callId, call }`, the call whole or its changes since its previous line; `{ callId, ended: true }` when it is
 * over). Appended in batches, and rewritten (write, fsync, rename) with only the lines of the calls in progress since
 * each was last saved whole, when it has grown well past them, so it stays about as large as the calls in progress,
 * however long the server runs. A kill -9 loses at most the last batch: what was written is in the operating system's
 * hands, and a torn last line is skipped.
 *
 * Hand-written rather than an embedded database: the whole job is "append lines, rewrite now and then", which needs no
 * dependency, and lowdb (which rewrites everything on each write) would cost every turn a full rewrite.
 */
export class LiveCallFile implements LiveCallStore {
  /** For each call in progress, the lines written since it was last saved whole: what a rewrite keeps. */
  private readonly latest: Map<string, string[]>;
  private readonly dirty = new Map<string, () => Line | null>();
  /** When each call in progress was last written, and whether its latest change must be written at once. */
  private readonly writtenAt = new Map<string, number>();
  private readonly urgent = new Set<string>();
  private readonly atStart: Saved[][];
  private timer: NodeJS.Timeout | undefined;
  /** Writes, one at a time and in order. */
  private writing: Promise<void> = Promise.resolve();
  private linesWritten = 0;
  /** How many lines a rewrite would keep (the sum of `latest`'s). */
  private linesKept = 0;
  private closed = false;

  private constructor(
    readonly file: string,
    lines: Map<string, string[]>,
    private readonly onError: (error: Error) => void,
  ) {
    this.latest = lines;
    for (const ofCall of lines.values()) this.linesKept += ofCall.length;
    this.atStart = [...lines.values()].map((ofCall) => ofCall.map((line) => (JSON.parse(line) as { call: Saved }).call));
  }

  /** Reads what the file holds, keeping the calls still in progress, and rewrites it with only those. */
  static async open(file: string, onError: (error: Error) => void = (error) => console.error(`Calls in progress: ${error.message}`)): Promise<LiveCallFile> {
    await removeLeftovers(file);
    let text = '';
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const lines = new Map<string, string[]>();
    for (const line of text.split('\n')) {
      const record = parseLine(line);
      if (!record) continue;
      if (record.ended) lines.delete(record.callId);
      else if (record.whole) lines.set(record.callId, [line]);
      // Changes whose whole call was lost (a torn line) cannot be made whole: left out.
      else lines.get(record.callId)?.push(line);
    }
    const store = new LiveCallFile(file, lines, onError);
    await store.rewrite();
    return store;
  }

  interrupted(): Saved[][] {
    return this.atStart;
  }

  changed(callId: string, snapshot: () => Line | null, urgent = false): void {
    if (this.closed) return;
    this.dirty.set(callId, snapshot);
    if (urgent) this.urgent.add(callId);
    this.timer ??= setTimeout(() => this.writeBatch(false), BATCH_MS);
  }

  /** Writes every change so far, however recent. */
  flush(): Promise<void> {
    return this.writeBatch(true);
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
  }

  private writeBatch(all: boolean): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.dirty.size > 0) {
      const text = this.takeBatch(Date.now(), all);
      if (text) this.writing = this.writing.then(() => this.append(text));
      // Calls written too recently wait for a later batch.
      if (this.dirty.size > 0) this.timer = setTimeout(() => this.writeBatch(false), BATCH_MS);
    }
    return this.writing;
  }

  /** The lines of the changes due by `now` (all of them with `all`), serialised now (later changes go in a later batch). */
  private takeBatch(now: number, all: boolean): string {
    let text = '';
    for (const [callId, snapshot] of this.dirty) {
      // A call that ends changes its status, so a change that is not urgent is never the last: it may wait.
      if (!all && !this.urgent.has(callId) && now - (this.writtenAt.get(callId) ?? -Infinity) < MIN_INTERVAL_MS) continue;
      let call: Line | null;
      try {
        call = snapshot();
      } catch (error) {
        this.onError(new Error(`call ${callId} could not be saved: ${(error as Error).message}`));
        this.dirty.delete(callId);
        continue;
      }
      if (call) {
        const line = `{"callId":${JSON.stringify(callId)},"whole":${call.whole},"call":${call.text}}`;
        const ofCall = this.latest.get(callId);
        if (call.whole || !ofCall) {
          this.linesKept += 1 - (ofCall?.length ?? 0);
          this.latest.set(callId, [line]);
        } else {
          this.linesKept++;
          ofCall.push(line);
        }
        this.writtenAt.set(callId, now);
        text += `${line}\n`;
      } else {
        this.writtenAt.delete(callId);
        this.linesKept -= this.latest.get(callId)?.length ?? 0;
        if (this.latest.delete(callId)) text += `${JSON.stringify({ callId, ended: true })}\n`;
      }
      this.dirty.delete(callId);
      this.urgent.delete(callId);
      this.linesWritten++;
    }
    return text;
  }

  private async append(text: string): Promise<void> {
    try {
      // A crash can leave a torn last line; without a newline first, this batch's first line would be glued to it.
      await appendFile(this.file, endsWithNewline(this.file) ? text : `\n${text}`);
      if (this.linesWritten > COMPACT_AFTER_LINES && this.linesWritten > 4 * this.linesKept) await this.rewrite();
    } catch (error) {
      this.onError(error as Error);
    }
  }

  private async rewrite(): Promise<void> {
    let text = '';
    let lines = 0;
    for (const ofCall of this.latest.values()) {
      for (const line of ofCall) text += `${line}\n`;
      lines += ofCall.length;
    }
    await replaceFileDurably(this.file, text);
    this.linesWritten = lines;
  }
}

function parseLine(line: string): { callId: string; ended?: true; whole?: boolean } | undefined {
  if (!line) return undefined;
  try {
    const value = JSON.parse(line) as { callId?: unknown; call?: unknown; ended?: unknown; whole?: unknown };
    if (typeof value?.callId !== 'string') return undefined;
    if (value.ended === true) return { callId: value.callId, ended: true };
    return value.call && typeof value.call === 'object' ? { callId: value.callId, whole: value.whole === true } : undefined;
  } catch {
    return undefined; // a line a crash tore: the call's previous line (if any) stands
  }
}
