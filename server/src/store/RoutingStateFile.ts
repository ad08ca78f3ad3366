import { readFile } from 'node:fs/promises';
import { removeLeftovers, replaceFileDurably } from './DurableJsonFile.ts';
import type { RoutingStateStore } from './types.ts';

/**
 * The embedded default's routing state (agents' statuses, queued and connected calls, handle times) in one JSON file of
 * the data directory, written durably now and then and when the server stops, so a restart keeps who was available and
 * who had which call. An unreadable file is set aside as if there were none (routing starts empty, as before).
 */
export class RoutingStateFile implements RoutingStateStore {
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    readonly file: string,
    private readonly saved: unknown,
  ) {}

  static async open(file: string): Promise<RoutingStateFile> {
    await removeLeftovers(file);
    let saved: unknown;
    try {
      saved = JSON.parse(await readFile(file, 'utf8'));
    } catch {
      saved = undefined;
    }
    return new RoutingStateFile(file, saved);
  }

  /** What was saved when the server last stopped or saved (read once, at open). */
  read(): unknown {
    return this.saved;
  }

  write(state: unknown): Promise<void> {
    const text = JSON.stringify(state);
    this.writing = this.writing.then(() => replaceFileDurably(this.file, text));
    return this.writing;
  }
}
