import { createWriteStream, existsSync, readFileSync, renameSync, writeFileSync, type WriteStream } from 'node:fs';
import type { EarlierCall } from '@baton/shared';
import { endsWithNewline } from './endsWithNewline.ts';

/** Calls kept per number: the briefing shows the latest five. */
const KEEP_PER_NUMBER = 5;
/** Numbers kept in memory (the ones heard from longest ago go first). */
const MAX_NUMBERS = 100_000;

/**
 * The latest finished calls of each caller's number, for the briefing of their next call: a JSON Lines file beside
 * the day files of the call log (one line per finished call that had a number), read into memory at start. A small
 * index of our own rather than a scan of the day files on every handoff; analytics reads the day files themselves.
 */
export class CallsByNumber {
  private readonly byNumber = new Map<string, EarlierCall[]>();
  private stream: WriteStream | undefined;

  constructor(
    private readonly file: string,
    private readonly onError: (error: Error) => void,
  ) {
    if (!existsSync(file)) return;
    let lines = 0;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line) continue;
      lines++;
      try {
        const { phone, call } = JSON.parse(line) as { phone?: unknown; call?: EarlierCall };
        if (typeof phone === 'string' && call && typeof call.callId === 'string') this.remember(phone, call);
      } catch {
        // A torn last line after a crash: the call is missing from the briefing, nothing else.
      }
    }
    // Rewritten with only what is kept once it is mostly calls no briefing shows any more.
    const kept = [...this.byNumber.values()].reduce((n, calls) => n + calls.length, 0);
    if (lines > 1_000 && lines > 2 * kept) this.rewrite();
  }

  add(phone: string, call: EarlierCall): void {
    this.remember(phone, call);
    if (!this.stream) {
      const stream = createWriteStream(this.file, { flags: 'a' });
      stream.on('error', (error) => this.onError(error));
      if (!endsWithNewline(this.file)) stream.write('\n');
      this.stream = stream;
    }
    this.stream.write(`${JSON.stringify({ phone, call })}\n`);
  }

  /** The number's latest calls, newest first. */
  latest(phone: string, limit: number): EarlierCall[] {
    return (this.byNumber.get(phone) ?? []).slice(-limit).reverse();
  }

  close(): Promise<void> {
    const stream = this.stream;
    this.stream = undefined;
    return stream ? new Promise((resolve) => stream.end(() => resolve())) : Promise.resolve();
  }

  private remember(phone: string, call: EarlierCall) {
    const calls = (this.byNumber.get(phone) ?? []).filter((c) => c.callId !== call.callId);
    calls.push(call);
    // Re-inserted, so the map's oldest entry is the number heard from longest ago.
    this.byNumber.delete(phone);
    this.byNumber.set(phone, calls.slice(-KEEP_PER_NUMBER));
    if (this.byNumber.size > MAX_NUMBERS) this.byNumber.delete(this.byNumber.keys().next().value!);
  }

  private rewrite() {
    const lines = [...this.byNumber].flatMap(([phone, calls]) => calls.map((call) => `${JSON.stringify({ phone, call })}\n`));
    writeFileSync(`${this.file}.tmp`, lines.join(''), { flush: true });
    renameSync(`${this.file}.tmp`, this.file);
  }
}
