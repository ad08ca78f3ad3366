import { createReadStream, existsSync } from 'node:fs';
import { appendFile, open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { AuditEntry } from './DbData.ts';
import { auditPage, type AuditPage, type AuditQuery } from './auditQuery.ts';

/**
 * The whole audit trail on one machine: `audit.jsonl` in the data directory, one entry per line, only ever appended
 * (`baton.json` keeps the latest entries for the pages that show them at once). Each append is synced to disk before
 * the change that made it is visible. Reading it whole is fine for an admin's page: at a few hundred bytes an
 * entry, a year of a busy contact center's changes is a few megabytes.
 */
export class AuditFile {
  private constructor(readonly file: string) {}

  /** Opens the trail; a data directory from before it existed starts it from the entries `baton.json` kept. */
  static async open(file: string, kept: readonly AuditEntry[]): Promise<AuditFile> {
    const trail = new AuditFile(file);
    if (!existsSync(file)) await trail.append(kept);
    return trail;
  }

  async append(entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await appendFile(this.file, entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
    const handle = await open(this.file, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  page(query: AuditQuery): Promise<AuditPage> {
    return AuditFile.entriesIn(this.file).then((entries) => auditPage(entries, query));
  }

  /** Every entry of the trail in `file`, oldest first (none when there is no file yet). */
  static async entriesIn(file: string): Promise<AuditEntry[]> {
    const entries: AuditEntry[] = [];
    if (!existsSync(file)) return entries;
    const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line.trim()) continue;
      try {
        entries.push(JSON.parse(line) as AuditEntry);
      } catch {
        // A line cut short by a crash mid-append is skipped; the ones after it still count.
      }
    }
    return entries;
  }
}
