import pg from 'pg';
import { AUDIT_KEPT, emptyDbData, upgradeDbData, type AuditEntry, type DbData } from './DbData.ts';
import type { AuditPage, AuditQuery } from './auditQuery.ts';
import { connectPostgres } from './pgSchema.ts';
import type { DataChange, StoreData } from './StoreData.ts';
import { changedRows, withRows, type StoreRow } from './storeRows.ts';

/** The channel on which an instance that changed the store tells the others the store's new revision. */
const CHANNEL = 'baton_store';
/** Held while an instance seeds an empty store, so instances starting together seed it once. */
const SEEDING_LOCK = 4242002;
/** A lost notification (a dropped connection) is made up for within this time. */
const CHECK_EVERY_MS = 2_000;

type Queryable = pg.Pool | pg.PoolClient;

/**
 * The durable store in PostgreSQL (BATON_DATABASE_URL) for several instances: PostgreSQL holds the truth, a row per
 * record; every instance reads from its own copy in memory (reads stay synchronous: a call start reads its flow) and
 * keeps it current from the rows written since the revision it holds, told by LISTEN/NOTIFY (and checked every 2 s
 * in case a notification was lost). A change locks the store's revision row, first applies what other instances
 * wrote since, then runs on that — so a version check (If-Match) always sees the latest save from any instance — and
 * writes only the rows it changed, with the next revision, in one transaction.
 */
export class PgStoreData implements StoreData {
  private queue: Promise<unknown> = Promise.resolve();
  private listener: pg.Client | undefined;
  private checker: NodeJS.Timeout | undefined;
  private closed = false;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly url: string,
    private readonly onError: (error: Error) => void,
    public data: DbData,
    private revision: number,
  ) {}

  /** Connects, brings the schema up to date and reads the whole store (rejecting with what is wrong when it cannot). */
  static async connect(url: string, onError: (error: Error) => void = (error) => console.error(`Store: ${error.message}`)): Promise<PgStoreData> {
    const pool = await connectPostgres(url, onError);
    const store = new PgStoreData(pool, url, onError, emptyDbData(), 0);
    try {
      await store.listen();
      await store.refresh();
      // Records written by an older Baton get what this one expects (as baton.json does when it is read).
      store.data = upgradeDbData(store.data);
    } catch (error) {
      await store.close();
      throw error;
    }
    store.checker = setInterval(() => void store.fresh().catch(onError), CHECK_EVERY_MS);
    store.checker.unref();
    return store;
  }

  commit<R>(change: DataChange<R>): Promise<R> {
    const run = this.queue.then(() => this.inTransaction(change));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async inTransaction<R>(change: DataChange<R>): Promise<R> {
    const { next, result, revision } = await this.transaction('BEGIN', async (client) => {
      // The row lock makes changes from every instance one at a time; what others wrote since is read under it.
      const { rows } = await client.query<{ revision: string }>('SELECT revision FROM store_revision FOR UPDATE');
      const latest = Number(rows[0]!.revision);
      if (latest !== this.revision) await this.catchUp(client, latest);
      const { next, result } = change(this.data);
      const { rows: changed, audit } = changedRows(this.data, next);
      if (changed.length === 0 && audit.length === 0) return { next, result, revision: latest };
      const revision = latest + 1;
      await writeRows(client, changed, revision);
      if (audit.length > 0) await client.query('INSERT INTO store_audit (entry, revision) SELECT e, $2 FROM unnest($1::json[]) AS e', [audit.map((e) => JSON.stringify(e)), revision]);
      await client.query('UPDATE store_revision SET revision = $1', [revision]);
      // Delivered when the transaction commits, to every instance listening (this one too: it then finds nothing new).
      await client.query('SELECT pg_notify($1, $2)', [CHANNEL, String(revision)]);
      return { next, result, revision };
    });
    // Visible only once committed.
    this.data = next;
    this.revision = revision;
    return result;
  }

  /** Runs `work` in a transaction begun with `begin` on a client of its own: committed if it resolves, else rolled back. */
  private async transaction<T>(begin: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query(begin);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  /** Applies the rows written after the revision held here, up to `latest`, read on `db` (in the caller's transaction). */
  private async catchUp(db: Queryable, latest: number) {
    const { rows } = await db.query<StoreRow>('SELECT collection, id, data FROM store_records WHERE revision > $1 AND revision <= $2', [this.revision, latest]);
    // A store read whole starts from the latest audit entries only (memory keeps those; PostgreSQL keeps them all).
    const { rows: audit } =
      this.revision === 0
        ? await db.query<{ entry: AuditEntry }>('SELECT entry FROM (SELECT id, entry FROM store_audit ORDER BY id DESC LIMIT $1) AS latest ORDER BY id', [AUDIT_KEPT])
        : await db.query<{ entry: AuditEntry }>('SELECT entry FROM store_audit WHERE revision > $1 AND revision <= $2 ORDER BY id', [this.revision, latest]);
    this.data = withRows(this.data, rows, audit.map((a) => a.entry));
    this.revision = latest;
  }

  /** Catches up with what other instances wrote, in one snapshot of the database, after the changes queued here. */
  private refresh(): Promise<void> {
    const run = this.queue.then(() =>
      this.transaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', async (client) => {
        const { rows } = await client.query<{ revision: string }>('SELECT revision FROM store_revision');
        const latest = Number(rows[0]!.revision);
        if (latest !== this.revision) await this.catchUp(client, latest);
      }),
    );
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Resolves once this instance holds every change committed so far (one query when it already does). */
  async fresh(): Promise<void> {
    if (this.closed) return;
    const { rows } = await this.pool.query<{ revision: string }>('SELECT revision FROM store_revision');
    if (Number(rows[0]!.revision) > this.revision) await this.refresh();
  }

  async auditPage(query: AuditQuery): Promise<AuditPage> {
    const where: string[] = [];
    const values: unknown[] = [];
    const add = (condition: (n: string) => string, value: unknown) => {
      values.push(value);
      where.push(condition(`$${values.length}`));
    };
    if (query.who) add((n) => `strpos(lower(coalesce(entry->>'who', 'baton')), ${n}) > 0`, query.who.toLowerCase());
    if (query.action) add((n) => `entry->>'action' = ${n}`, query.action);
    if (query.flowId) add((n) => `entry->>'flowId' = ${n}`, query.flowId);
    if (query.from) add((n) => `entry->>'at' >= ${n}`, query.from);
    if (query.to) add((n) => `entry->>'at' <= ${n}`, query.to);
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ rows: counted }, { rows }] = await Promise.all([
      this.pool.query<{ total: string }>(`SELECT count(*) AS total FROM store_audit ${filter}`, values),
      this.pool.query<{ entry: AuditEntry }>(`SELECT entry FROM store_audit ${filter} ORDER BY id DESC LIMIT $${values.length + 1} OFFSET $${values.length + 2}`, [...values, query.limit, query.offset]),
    ]);
    return { entries: rows.map((r) => r.entry), total: Number(counted[0]!.total) };
  }

  async alone<T>(work: () => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [SEEDING_LOCK]);
      await this.refresh();
      return await work();
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [SEEDING_LOCK]).catch(() => {});
      client.release();
    }
  }

  /** Listens for other instances' changes; a dropped connection is made again (and what was missed read). */
  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (message) => {
      if (Number(message.payload) > this.revision) void this.refresh().catch(this.onError);
    });
    const lost = (error?: Error) => {
      if (this.listener !== client || this.closed) return;
      if (error) this.onError(error);
      this.listener = undefined;
      void client.end().catch(() => {});
      this.listenAgain();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.listener = client;
  }

  private listenAgain() {
    setTimeout(() => {
      if (this.closed) return;
      this.listen().then(
        () => this.refresh(),
        (error: Error) => {
          this.onError(error);
          this.listenAgain();
        },
      ).catch(this.onError);
    }, 500).unref();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.checker);
    await this.queue;
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => {});
    await this.pool.end().catch(() => {});
  }
}

/** Upserts the changed rows (data NULL marks a removal), all with the change's revision. */
async function writeRows(db: Queryable, rows: StoreRow[], revision: number) {
  await db.query(
    `INSERT INTO store_records (collection, id, data, revision)
       SELECT c, i, d, $4 FROM unnest($1::text[], $2::text[], $3::json[]) AS r(c, i, d)
     ON CONFLICT (collection, id) DO UPDATE SET data = excluded.data, revision = excluded.revision`,
    [rows.map((r) => r.collection), rows.map((r) => r.id), rows.map((r) => (r.data === null ? null : JSON.stringify(r.data))), revision],
  );
}
