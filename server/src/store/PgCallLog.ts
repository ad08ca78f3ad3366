import type pg from 'pg';
import { connectPostgres } from './pgSchema.ts';
import type { CallLog } from './types.ts';
import type { EarlierCall } from '@baton/shared';

type CallRecord = Record<string, unknown>;

/** Records appended within this window go to PostgreSQL in one INSERT: a turn costs no round trip of its own. */
const BATCH_MS = 10;
/** At most this many records in one INSERT (PostgreSQL takes at most 65,535 parameters). */
const MAX_BATCH = 4_000;

/**
 * The call log in PostgreSQL (BATON_DATABASE_URL), for several instances: every instance appends the events of the
 * calls it handles, so a call's record is whole wherever its turns ran, and analytics reads one place. Appends are
 * batched (one multi-row INSERT every 10 ms), as the file log batches its writes.
 */
export class PgCallLog implements CallLog {
  private batch: Array<{ callId: string; at: string; record: string; key: string | null }> = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private failure: Error | undefined;
  private closed = false;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => Date,
    private readonly onError: (error: Error) => void,
  ) {}

  /** Connects and brings the schema up to date (rejecting with what is wrong when PostgreSQL cannot be reached). */
  static async connect(url: string, onError: (error: Error) => void = (error) => console.error(`Call log: ${error.message}`), now: () => Date = () => new Date()): Promise<PgCallLog> {
    return new PgCallLog(await connectPostgres(url, onError), now, onError);
  }

  append(callId: string, record: CallRecord, key?: string): void {
    if (this.closed) return this.onError(new Error(`record for call ${callId} dropped: the call log is closed`));
    const at = this.now().toISOString();
    // callId is re-applied last so a record cannot file itself under another call.
    this.batch.push({ callId, at, record: JSON.stringify(Object.assign({ callId, at }, record, { callId })), key: key ?? null });
    if (this.batch.length >= MAX_BATCH) this.write();
    else this.timer ??= setTimeout(() => this.write(), BATCH_MS);
  }

  private write() {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.batch.length === 0) return;
    const rows = this.batch;
    this.batch = [];
    const values = rows.map((_, i) => `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}::jsonb, $${i * 4 + 4})`).join(', ');
    const params = rows.flatMap((r) => [r.callId, r.at, r.record, r.key]);
    // One write at a time, in order: a call's records keep the order they were appended in.
    this.writing = this.writing.then(() =>
      this.pool.query(`INSERT INTO call_events (call_id, at, record, event_key) VALUES ${values} ON CONFLICT (call_id, event_key) WHERE event_key IS NOT NULL DO NOTHING`, params).then(
        () => undefined,
        (error: Error) => {
          this.failure = error;
          this.onError(error);
        },
      ),
    );
  }

  async flush(): Promise<void> {
    this.write();
    await this.writing;
    const failure = this.failure;
    this.failure = undefined;
    if (failure) throw failure;
  }

  async read(callId: string): Promise<CallRecord[]> {
    await this.flush().catch(() => undefined);
    const { rows } = await this.pool.query<{ record: CallRecord }>('SELECT record FROM call_events WHERE call_id = $1 ORDER BY id', [callId]);
    return rows.map((r) => r.record);
  }

  async readCalls(callIds: readonly string[], _since: Date): Promise<Map<string, CallRecord[]>> {
    await this.flush().catch(() => undefined);
    const { rows } = await this.pool.query<{ call_id: string; record: CallRecord }>('SELECT call_id, record FROM call_events WHERE call_id = ANY($1) ORDER BY id', [callIds]);
    const found = new Map<string, CallRecord[]>();
    for (const r of rows) {
      const records = found.get(r.call_id);
      if (records) records.push(r.record);
      else found.set(r.call_id, [r.record]);
    }
    return found;
  }

  callEnded(phone: string, call: EarlierCall): void {
    if (this.closed) return;
    // Once per call, not per turn: written on its own, in order with the call's events.
    this.writing = this.writing.then(() =>
      this.pool.query('INSERT INTO caller_calls (phone, call_id, ended_at, call) VALUES ($1, $2, $3, $4::jsonb) ON CONFLICT (call_id) DO NOTHING', [phone, call.callId, call.endedAt, JSON.stringify(call)]).then(
        () => undefined,
        (error: Error) => this.onError(error),
      ),
    );
  }

  async earlierCalls(phone: string, limit: number): Promise<EarlierCall[]> {
    const { rows } = await this.pool.query<{ call: EarlierCall }>('SELECT call FROM caller_calls WHERE phone = $1 ORDER BY ended_at DESC, id DESC LIMIT $2', [phone, limit]);
    return rows.map((r) => r.call);
  }

  async readFacts(cursor: string | undefined, limit: number): Promise<{ records: CallRecord[]; cursor: string | undefined; skipped: number }> {
    await this.flush().catch(() => undefined);
    // Rows of the last seconds are left for the next read: ids are handed out before their transactions commit, so a
    // row with a lower id may still appear shortly after a higher one.
    const { rows } = await this.pool.query<{ id: string; record: CallRecord }>(
      `SELECT id, record FROM call_events WHERE id > $1 AND (record ? 'facts' OR record ? 'wrapUp') AND at < now() - interval '2 seconds' ORDER BY id LIMIT $2`,
      [cursor ?? '0', limit],
    );
    return { records: rows.map((r) => r.record), cursor: rows.at(-1)?.id ?? cursor, skipped: 0 };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.flush().catch(() => undefined);
    this.closed = true;
    await this.pool.end();
  }
}
