import pg from 'pg';
import { redactedUrl } from './redactedUrl.ts';

/** Baton's schema in PostgreSQL, one migration per step, applied in order once each (recorded in baton_migrations). */
const MIGRATIONS: string[] = [
  // 1: the call log (PgCallLog).
  `CREATE TABLE call_events (
     id bigserial PRIMARY KEY,
     call_id text NOT NULL,
     at timestamptz NOT NULL,
     record jsonb NOT NULL,
     event_key text
   );
   CREATE INDEX call_events_call ON call_events (call_id, id);
   CREATE UNIQUE INDEX call_events_once ON call_events (call_id, event_key) WHERE event_key IS NOT NULL;
   CREATE INDEX call_events_at ON call_events (at);`,
  // 2: the durable store (PgStoreData): a row per record (a flow, a published version, a queue, …), the revision of the
  // change that last wrote it (data NULL once removed, so other instances learn of the removal), the audit trail, and
  // the store's revision, whose row lock makes changes from every instance one at a time. json, not jsonb: a record
  // reads back as it was written, its keys in their order.
  `CREATE TABLE store_records (
     collection text NOT NULL,
     id text NOT NULL,
     data json,
     revision bigint NOT NULL,
     PRIMARY KEY (collection, id)
   );
   CREATE INDEX store_records_revision ON store_records (revision);
   CREATE TABLE store_audit (
     id bigserial PRIMARY KEY,
     entry json NOT NULL,
     revision bigint NOT NULL
   );
   CREATE INDEX store_audit_revision ON store_audit (revision);
   CREATE TABLE store_revision (
     only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
     revision bigint NOT NULL
   );
   INSERT INTO store_revision (revision) VALUES (0);`,
  // 3: each number's finished calls, for the briefing of its next call.
  `CREATE TABLE caller_calls (
     id bigserial PRIMARY KEY,
     phone text NOT NULL,
     call_id text NOT NULL UNIQUE,
     ended_at timestamptz NOT NULL,
     call jsonb NOT NULL
   );
   CREATE INDEX caller_calls_phone ON caller_calls (phone, ended_at DESC);`,
  // 4: what analytics reads of the call log: finished calls' facts and agents' wrap-ups.
  `CREATE INDEX call_events_facts ON call_events (id) WHERE record ? 'facts' OR record ? 'wrapUp';`,
];

/**
 * A pool on BATON_DATABASE_URL with the schema brought up to date; rejects with what is wrong (and what to do) when
 * PostgreSQL cannot be reached.
 */
export async function connectPostgres(url: string, onError: (error: Error) => void, max = 4): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', onError);
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end().catch(() => {});
    const failed = new Error(`Baton could not use PostgreSQL at ${redactedUrl(url, 'BATON_DATABASE_URL')} (BATON_DATABASE_URL): ${(error as Error).message}. Start PostgreSQL there (and create the database), or unset BATON_DATABASE_URL.`);
    failed.name = 'StartupError';
    throw failed;
  }
  return pool;
}

async function migrate(pool: pg.Pool) {
  const client = await pool.connect();
  try {
    // One instance migrates at a time (several may start together).
    await client.query('SELECT pg_advisory_lock(4242001)');
    await client.query('CREATE TABLE IF NOT EXISTS baton_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ version: number }>('SELECT version FROM baton_migrations');
    const done = new Set(rows.map((r) => r.version));
    for (const [i, sql] of MIGRATIONS.entries()) {
      const version = i + 1;
      if (done.has(version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(sql);
        await client.query('INSERT INTO baton_migrations (version) VALUES ($1)', [version]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(4242001)').catch(() => {});
    client.release();
  }
}
