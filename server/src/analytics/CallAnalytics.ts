import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { AnalyticsSummary, CallFacts, CallList, FlowStepFigures, HandoffCategory, HandoffFeedback, HandoffSignal, PeriodFigures, RealPhrases, WrapUpFacts } from '@baton/shared';
import type { CallLog } from '../store/types.ts';

/** Records read from the call log per round. */
const BATCH = 5_000;
/** How often the copy catches up with the log on its own (queries also catch up first). */
const CATCH_UP_MS = 5_000;

/** The copy's layout; a copy made by another layout is dropped and read again from the log. */
const LAYOUT = 4;

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS calls (
     call_id VARCHAR PRIMARY KEY, flow_id VARCHAR, flow_version VARCHAR, started_at TIMESTAMP, ended_at TIMESTAMP,
     disposition VARCHAR, turns INTEGER, phone VARCHAR, handed_over BOOLEAN, category VARCHAR, signal VARCHAR,
     trigger_id VARCHAR, from_node_id VARCHAR, turns_before INTEGER, handoff_at TIMESTAMP, queue VARCHAR, outcome VARCHAR,
     outcome_at TIMESTAMP, survey_score INTEGER, path VARCHAR, caller_text VARCHAR,
     -- The collected details the agent asked the caller for again (slot names, space-separated), found in what they typed.
     asked_again VARCHAR)`,
  // The words each caller said, once per call: the text index calls are searched by (DuckDB's own full-text extension
  // is downloaded when first used, which a machine without the internet cannot do).
  `CREATE TABLE IF NOT EXISTS call_words (word VARCHAR, call_id VARCHAR)`,
  // The steps each call went through, once per call: what the canvas heatmap counts.
  `CREATE TABLE IF NOT EXISTS call_steps (node_id VARCHAR, call_id VARCHAR)`,
  // How callers put each intent they were understood as: phrasing for simulated callers.
  `CREATE TABLE IF NOT EXISTS call_phrases (call_id VARCHAR, intent VARCHAR, phrase VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS wrap_ups (call_id VARCHAR PRIMARY KEY, agent_id VARCHAR, disposition VARCHAR, had_to_repeat BOOLEAN, wrapped_at TIMESTAMP, handoff_feedback VARCHAR)`,
  // Where the copy has read the log to, and how many damaged lines it skipped on the way.
  `CREATE TABLE IF NOT EXISTS log_cursor (only_row BOOLEAN PRIMARY KEY, cursor VARCHAR, skipped BIGINT)`,
];

/** What separates words, for the text index and the words searched for alike (RE2 and JavaScript read it the same). */
const WORD_SEPARATORS = '[^\\p{L}\\p{N}]+';
/** The words of a search, as the index keeps them. */
export const wordsOf = (text: string) => [...new Set(text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean))].slice(0, 10);

const COLUMNS = ['call_id', 'flow_id', 'flow_version', 'started_at', 'ended_at', 'disposition', 'turns', 'phone', 'handed_over', 'category', 'signal', 'trigger_id', 'from_node_id', 'turns_before', 'handoff_at', 'queue', 'outcome', 'outcome_at', 'survey_score', 'path', 'caller_text', 'asked_again'] as const;

export interface SummaryQuery {
  from: Date;
  to: Date;
  flowId?: string;
  serviceLevelSeconds?: number;
}

/** What the call explorer searches by; every part is optional but the period. */
export interface CallsQuery {
  from: Date;
  to: Date;
  flowId?: string;
  flowVersion?: string;
  /** Words the caller said (all of them). */
  text?: string;
  phone?: string;
  /** A handoff category, or "none" for calls the assistant finished. */
  category?: string;
  disposition?: string;
  surveyScore?: number;
  /** What the agent said of the handoff in the wrap-up. */
  feedback?: HandoffFeedback;
  limit: number;
  offset: number;
}

/**
 * Analytics of real calls: a columnar copy of what the call log says of finished calls (their facts, agents'
 * wrap-ups) in an embedded DuckDB file, kept in step with the log by reading on from where it left off, and the
 * figures asked of it as SQL. The log stays the record; the copy can be deleted and is rebuilt from it.
 */
export class CallAnalytics {
  private catchingUp: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly db: DuckDBConnection,
    private readonly log: CallLog,
  ) {}

  /** Opens (or creates) the copy at `file` (":memory:" for none) and starts keeping it in step with `log`. */
  static async open(file: string, log: CallLog, onError: (error: Error) => void = (e) => console.error(`Analytics: ${e.message}`)): Promise<CallAnalytics> {
    const instance = await DuckDBInstance.create(file);
    const db = await instance.connect();
    await db.run('CREATE TABLE IF NOT EXISTS copy_layout (layout INTEGER)');
    const layout = (await db.runAndReadAll('SELECT max(layout) AS layout FROM copy_layout')).getRowObjectsJS()[0]?.layout;
    if (layout !== LAYOUT) {
      // The log is the record: the copy is rebuilt from it.
      for (const table of ['calls', 'call_words', 'call_steps', 'call_phrases', 'wrap_ups', 'log_cursor']) await db.run(`DROP TABLE IF EXISTS ${table}`);
      await db.run('DELETE FROM copy_layout');
      await db.run(`INSERT INTO copy_layout VALUES (${LAYOUT})`);
    }
    for (const sql of SCHEMA) await db.run(sql);
    const analytics = new CallAnalytics(instance, db, log);
    analytics.timer = setInterval(() => analytics.catchUp().catch(onError), CATCH_UP_MS);
    analytics.timer.unref();
    return analytics;
  }

  /** Reads what the log has added since the last time; one catch-up at a time (a query waits for the running one). */
  catchUp(): Promise<void> {
    this.catchingUp ??= this.readOn().finally(() => (this.catchingUp = undefined));
    return this.catchingUp;
  }

  /** Damaged lines skipped so far. */
  async skippedLines(): Promise<number> {
    const rows = (await this.db.runAndReadAll('SELECT skipped FROM log_cursor')).getRowObjectsJS();
    return Number(rows[0]?.skipped ?? 0);
  }

  private async readOn(): Promise<void> {
    const saved = (await this.db.runAndReadAll('SELECT cursor, skipped FROM log_cursor')).getRowObjectsJS()[0];
    let cursor = (saved?.cursor as string | null) ?? undefined;
    let skipped = Number(saved?.skipped ?? 0);
    for (;;) {
      const read = await this.log.readFacts(cursor, BATCH);
      if (read.cursor === cursor && read.records.length === 0) return;
      const facts: CallFacts[] = [];
      const wrapUps: Array<WrapUpFacts & { callId: string }> = [];
      for (const record of read.records) {
        if (record.facts) facts.push(record.facts as CallFacts);
        else if (record.wrapUp) wrapUps.push({ ...(record.wrapUp as WrapUpFacts), callId: String(record.callId) });
      }
      cursor = read.cursor;
      skipped += read.skipped;
      // The rows and the cursor move together: a crash between rounds reads the round again, never half of it.
      await this.db.run('BEGIN TRANSACTION');
      try {
        await this.addCalls(facts);
        await this.addWrapUps(wrapUps);
        await this.db.run('INSERT OR REPLACE INTO log_cursor VALUES (true, $cursor, $skipped)', { cursor: cursor ?? null, skipped });
        await this.db.run('COMMIT');
      } catch (error) {
        await this.db.run('ROLLBACK');
        throw error;
      }
      if (read.records.length < BATCH) return;
    }
  }

  private async addCalls(facts: CallFacts[]) {
    if (facts.length === 0) return;
    await this.db.run(`CREATE TEMP TABLE IF NOT EXISTS incoming AS SELECT * FROM calls LIMIT 0`);
    await this.db.run('DELETE FROM incoming');
    const appender = await this.db.createAppender('incoming');
    const text = (value: string | undefined | null) => (value == null ? appender.appendNull() : appender.appendVarchar(value));
    const int = (value: number | undefined) => (value === undefined || !Number.isFinite(value) ? appender.appendNull() : appender.appendInteger(Math.round(value)));
    const time = (value: string | undefined) => (value && !Number.isNaN(Date.parse(value)) ? appender.appendVarchar(new Date(value).toISOString().replace('T', ' ').replace('Z', '')) : appender.appendNull());
    for (const f of facts) {
      if (typeof f.callId !== 'string') continue;
      const h = f.handoff;
      text(f.callId);
      text(f.flowId);
      text(f.flowVersion);
      time(f.startedAt);
      time(f.endedAt);
      text(f.disposition);
      int(f.turns);
      text(f.phone);
      appender.appendBoolean(Boolean(h));
      text(h?.category);
      text(h?.signal);
      text(h?.triggerId);
      text(h?.fromNodeId);
      int(h?.turns);
      time(h?.at);
      text(h?.queue);
      text(h?.outcome);
      time(h?.outcomeAt);
      int(f.surveyScore);
      // Node ids hold no spaces (see idSchema): the path as one text, split again by DuckDB.
      text(Array.isArray(f.path) ? f.path.filter((id) => typeof id === 'string').join(' ') : '');
      text(typeof f.callerText === 'string' ? f.callerText : '');
      text(Array.isArray(f.askedAgain) ? f.askedAgain.filter((slot) => typeof slot === 'string').join(' ') : '');
      appender.endRow();
    }
    appender.closeSync();
    // A call logged twice (an event taken again after its instance died) is counted once.
    await this.db.run(`INSERT OR REPLACE INTO calls SELECT DISTINCT ON (call_id) ${COLUMNS.join(', ')} FROM incoming`);
    await this.db.run('DELETE FROM call_words WHERE call_id IN (SELECT call_id FROM incoming)');
    await this.db.run('DELETE FROM call_steps WHERE call_id IN (SELECT call_id FROM incoming)');
    await this.db.run('DELETE FROM call_phrases WHERE call_id IN (SELECT call_id FROM incoming)');
    const phrases = await this.db.createAppender('call_phrases');
    const seen = new Set<string>();
    for (const f of facts) {
      if (typeof f.callId !== 'string' || !Array.isArray(f.phrases) || seen.has(f.callId)) continue;
      seen.add(f.callId);
      for (const p of f.phrases) {
        if (typeof p?.intent !== 'string' || typeof p.text !== 'string') continue;
        phrases.appendVarchar(f.callId);
        phrases.appendVarchar(p.intent);
        phrases.appendVarchar(p.text.slice(0, 500));
        phrases.endRow();
      }
    }
    phrases.closeSync();
    await this.db.run(`INSERT INTO call_steps SELECT DISTINCT node_id, call_id FROM (SELECT unnest(string_split(path, ' ')) AS node_id, call_id FROM incoming) WHERE node_id <> ''`);
    await this.db.run(
      `INSERT INTO call_words SELECT DISTINCT word, call_id FROM (SELECT unnest(regexp_split_to_array(lower(caller_text), '${WORD_SEPARATORS}')) AS word, call_id FROM incoming) WHERE word <> ''`,
    );
  }

  private async addWrapUps(wrapUps: Array<WrapUpFacts & { callId: string }>) {
    for (const w of wrapUps)
      await this.db.run('INSERT OR REPLACE INTO wrap_ups VALUES ($call, $agent, $disposition, $repeat, $at::TIMESTAMP, $feedback)', {
        call: w.callId,
        agent: String(w.agentId ?? ''),
        disposition: String(w.disposition ?? ''),
        repeat: w.hadToAskAgain === true,
        feedback: typeof w.handoffFeedback === 'string' ? w.handoffFeedback : null,
        at: (Date.parse(w.at) ? new Date(w.at) : new Date()).toISOString().replace('T', ' ').replace('Z', ''),
      });
  }

  /** The headline figures of a period (calls that started in it), for one flow or all. */
  async summary(query: SummaryQuery): Promise<AnalyticsSummary> {
    await this.catchUp();
    const serviceLevelSeconds = query.serviceLevelSeconds ?? 20;
    const where = `started_at >= $from::TIMESTAMP AND started_at < $to::TIMESTAMP${query.flowId ? ' AND flow_id = $flow' : ''}`;
    const params: Record<string, string | number> = { from: sqlTime(query.from), to: sqlTime(query.to), ...(query.flowId ? { flow: query.flowId } : {}) };
    const rows = async (sql: string, more: Record<string, string | number> = {}) => (await this.db.runAndReadAll(sql, { ...params, ...more })).getRowObjectsJS();
    const length = query.to.getTime() - query.from.getTime();
    const previousFrom = new Date(query.from.getTime() - length);
    const current = await this.figures(query.from, query.to, query.flowId, serviceLevelSeconds);
    const previous = await this.figures(previousFrom, query.from, query.flowId, serviceLevelSeconds);
    const byCategory = await rows(`SELECT category, count(*) AS calls FROM calls WHERE ${where} AND handed_over GROUP BY category ORDER BY calls DESC, category`);
    const byTrigger = await rows(
      `SELECT trigger_id, signal, from_node_id, count(*) AS calls, count(*) FILTER (WHERE w.handoff_feedback = 'not_needed') AS not_needed, count(*) FILTER (WHERE w.handoff_feedback = 'sooner') AS sooner
       FROM calls LEFT JOIN wrap_ups w USING (call_id) WHERE ${where} AND handed_over GROUP BY ALL ORDER BY calls DESC, trigger_id, from_node_id`,
    );
    // Up to two days, by hour; longer, by day (UTC).
    const by = length <= 2 * 86_400_000 ? 'hour' : 'day';
    const trend = await rows(
      `SELECT strftime(started_at, '${by === 'hour' ? '%Y-%m-%dT%H:00' : '%Y-%m-%d'}') AS bucket, count(*) AS calls, count(*) FILTER (WHERE NOT handed_over) AS contained, count(*) FILTER (WHERE handed_over) AS handed_over
       FROM calls WHERE ${where} GROUP BY bucket ORDER BY bucket`,
    );
    const byVersion = await rows(
      `SELECT flow_id, flow_version, count(*) AS calls, count(*) FILTER (WHERE NOT handed_over) AS contained, count(*) FILTER (WHERE handed_over) AS handed_over,
         count(*) FILTER (WHERE outcome = 'connected') AS connected, count(*) FILTER (WHERE outcome = 'connected' AND ${WAIT} <= $sl) AS within_sl,
         count(survey_score) AS surveyed, avg(survey_score) AS satisfaction, count(*) FILTER (WHERE w.handoff_feedback = 'not_needed') AS not_needed
       FROM calls LEFT JOIN wrap_ups w USING (call_id) WHERE ${where}
       GROUP BY flow_id, flow_version ORDER BY flow_id, try_cast(flow_version AS INTEGER) DESC NULLS LAST, flow_version`,
      { sl: serviceLevelSeconds },
    );
    return {
      from: query.from.toISOString(),
      to: query.to.toISOString(),
      flowId: query.flowId ?? null,
      serviceLevelSeconds,
      ...current,
      byCategory: byCategory.map((r) => ({ category: r.category as HandoffCategory, calls: num(r.calls) })),
      byTrigger: byTrigger.map((r) => ({ triggerId: (r.trigger_id as string | null) ?? null, signal: r.signal as HandoffSignal, fromNodeId: (r.from_node_id as string | null) ?? null, calls: num(r.calls), notNeeded: num(r.not_needed), sooner: num(r.sooner) })),
      previous: { from: previousFrom.toISOString(), to: query.from.toISOString(), ...previous },
      trend: { by, points: trend.map((r) => ({ at: String(r.bucket), calls: num(r.calls), contained: num(r.contained), handedOver: num(r.handed_over) })) },
      byVersion: byVersion.map((r) => ({
        flowId: String(r.flow_id),
        version: String(r.flow_version),
        calls: num(r.calls),
        contained: num(r.contained),
        handedOver: num(r.handed_over),
        connected: num(r.connected),
        withinServiceLevel: num(r.within_sl),
        surveyed: num(r.surveyed),
        satisfactionMean: maybe(r.satisfaction),
        notNeeded: num(r.not_needed),
      })),
    };
  }

  /** A period's headline figures (the summary's, and the previous period's to compare with). */
  private async figures(from: Date, to: Date, flowId: string | undefined, serviceLevelSeconds: number): Promise<PeriodFigures> {
    const where = `started_at >= $from::TIMESTAMP AND started_at < $to::TIMESTAMP${flowId ? ' AND flow_id = $flow' : ''}`;
    const params: Record<string, string | number> = { from: sqlTime(from), to: sqlTime(to), ...(flowId ? { flow: flowId } : {}) };
    const rows = async (sql: string, more: Record<string, string | number> = {}) => (await this.db.runAndReadAll(sql, { ...params, ...more })).getRowObjectsJS();
    const [head] = await rows(
      `SELECT count(*) AS calls,
         count(*) FILTER (WHERE NOT handed_over) AS contained,
         count(*) FILTER (WHERE handed_over) AS handed_over,
         avg(turns_before) FILTER (WHERE handed_over) AS turns_before,
         count(*) FILTER (WHERE outcome = 'connected') AS connected,
         avg(${WAIT}) FILTER (WHERE outcome = 'connected') AS wait_mean,
         quantile_cont(${WAIT}, 0.9) FILTER (WHERE outcome = 'connected') AS wait_p90,
         count(*) FILTER (WHERE outcome = 'connected' AND ${WAIT} <= $sl) AS within_sl,
         count(*) FILTER (WHERE disposition = 'abandoned_in_queue') AS abandoned_waiting,
         count(survey_score) AS surveyed,
         avg(survey_score) AS satisfaction
       FROM calls WHERE ${where}`,
      { sl: serviceLevelSeconds },
    );
    const [wrap] = await rows(
      `SELECT count(w.call_id) AS wrapped, count(*) FILTER (WHERE w.disposition = 'resolved') AS resolved,
         count(*) FILTER (WHERE w.had_to_repeat OR asked_again <> '') AS repeated, count(*) FILTER (WHERE asked_again <> '') AS asked_again
       FROM calls LEFT JOIN wrap_ups w USING (call_id) WHERE ${where}`,
    );
    return {
      calls: num(head.calls),
      contained: num(head.contained),
      handedOver: num(head.handed_over),
      turnsBeforeHandoff: maybe(head.turns_before),
      connected: num(head.connected),
      waitMeanSeconds: maybe(head.wait_mean),
      waitP90Seconds: maybe(head.wait_p90),
      withinServiceLevel: num(head.within_sl),
      abandonedWaiting: num(head.abandoned_waiting),
      wrappedUp: num(wrap.wrapped),
      resolvedByAgent: num(wrap.resolved),
      hadToRepeat: num(wrap.repeated),
      askedAgain: num(wrap.asked_again),
      surveyed: num(head.surveyed),
      satisfactionMean: maybe(head.satisfaction),
    };
  }

  /**
   * Per step of one flow, over a period (and a version): how many calls passed it, left it for a person (the step the
   * caller was at when the handoff was decided), and hung up there (their last step, when they hung up on the
   * assistant); per trigger, how often it fired.
   */
  async steps(query: { from: Date; to: Date; flowId: string; flowVersion?: string }): Promise<FlowStepFigures> {
    await this.catchUp();
    const params: Record<string, string> = { from: sqlTime(query.from), to: sqlTime(query.to), flow: query.flowId, ...(query.flowVersion ? { version: query.flowVersion } : {}) };
    const calls = `SELECT * FROM calls WHERE flow_id = $flow AND started_at >= $from::TIMESTAMP AND started_at < $to::TIMESTAMP${query.flowVersion ? ' AND flow_version = $version' : ''}`;
    const rows = (
      await this.db.runAndReadAll(
        `WITH c AS (${calls}),
           passed AS (SELECT s.node_id, count(*) AS n FROM call_steps s JOIN c USING (call_id) GROUP BY s.node_id),
           handed AS (SELECT from_node_id AS node_id, count(*) AS n FROM c WHERE handed_over AND from_node_id IS NOT NULL GROUP BY ALL),
           hung AS (SELECT string_split(path, ' ')[-1] AS node_id, count(*) AS n FROM c WHERE disposition = 'abandoned' GROUP BY ALL),
           fired AS (SELECT trigger_id AS node_id, count(*) AS n, count(*) FILTER (WHERE w.handoff_feedback = 'not_needed') AS not_needed FROM c LEFT JOIN wrap_ups w USING (call_id) WHERE handed_over AND trigger_id IS NOT NULL GROUP BY ALL)
         SELECT node_id, coalesce(passed.n, 0) AS passed, coalesce(handed.n, 0) AS handed, coalesce(hung.n, 0) AS hung, coalesce(fired.n, 0) AS fired, coalesce(fired.not_needed, 0) AS not_needed
         FROM passed FULL JOIN handed USING (node_id) FULL JOIN hung USING (node_id) FULL JOIN fired USING (node_id)`,
        params,
      )
    ).getRowObjectsJS();
    const [{ total }] = (await this.db.runAndReadAll(`SELECT count(*) AS total FROM (${calls})`, params)).getRowObjectsJS();
    return {
      calls: Number(total),
      steps: Object.fromEntries(rows.map((r) => [String(r.node_id), { passed: Number(r.passed), handedOver: Number(r.handed), hungUp: Number(r.hung), fired: Number(r.fired), notNeeded: Number(r.not_needed) }])),
    };
  }

  /** The calls that match, newest first: a page of them and how many match in all. */
  /** The newest `limit` finished calls of a flow that started in the period, oldest first, and how many there were in all: what a replay plays. */
  async callsToReplay(query: { flowId: string; from: Date; to: Date; limit: number }): Promise<{ found: number; callIds: string[] }> {
    await this.catchUp();
    const params = { flow: query.flowId, from: sqlTime(query.from), to: sqlTime(query.to) };
    const where = 'flow_id = $flow AND started_at >= $from::TIMESTAMP AND started_at < $to::TIMESTAMP';
    const [{ found }] = (await this.db.runAndReadAll(`SELECT count(*) AS found FROM calls WHERE ${where}`, params)).getRowObjectsJS();
    const rows = (await this.db.runAndReadAll(`SELECT call_id FROM calls WHERE ${where} ORDER BY started_at DESC, call_id DESC LIMIT ${Math.max(0, Math.floor(query.limit))}`, params)).getRowObjectsJS();
    return { found: Number(found), callIds: rows.map((r) => String(r.call_id)).reverse() };
  }

  /**
   * How real callers of a flow (or all) put an intent, in the period: each phrase once (letter case and spaces aside),
   * most said first. Phrases with four digits in a row are left out: they may hold a card or account number.
   */
  async phrases(query: { intent: string; from: Date; to: Date; flowId?: string; limit: number }): Promise<RealPhrases> {
    await this.catchUp();
    const params = { intent: query.intent, from: sqlTime(query.from), to: sqlTime(query.to), ...(query.flowId ? { flow: query.flowId } : {}) };
    const rows = (
      await this.db.runAndReadAll(
        `SELECT lower(trim(regexp_replace(p.phrase, '\\s+', ' ', 'g'))) AS text, count(DISTINCT p.call_id) AS calls
         FROM call_phrases p JOIN calls c USING (call_id)
         WHERE p.intent = $intent AND c.started_at >= $from::TIMESTAMP AND c.started_at < $to::TIMESTAMP${query.flowId ? ' AND c.flow_id = $flow' : ''}
           AND NOT regexp_matches(p.phrase, '[0-9]{4}')
         GROUP BY text HAVING text <> '' ORDER BY calls DESC, text LIMIT ${Math.max(1, Math.floor(query.limit))}`,
        params,
      )
    ).getRowObjectsJS();
    return { intent: query.intent, phrases: rows.map((r) => ({ text: String(r.text), calls: Number(r.calls) })) };
  }

  async findCalls(query: CallsQuery): Promise<CallList> {
    await this.catchUp();
    const where = ['started_at >= $from::TIMESTAMP', 'started_at < $to::TIMESTAMP'];
    const params: Record<string, string | number> = { from: sqlTime(query.from), to: sqlTime(query.to) };
    const add = (sql: string, name: string, value: string | number | undefined) => {
      if (value === undefined || value === '') return;
      where.push(sql);
      params[name] = value;
    };
    add('flow_id = $flow', 'flow', query.flowId);
    add('flow_version = $version', 'version', query.flowVersion);
    add('phone = $phone', 'phone', query.phone);
    add('disposition = $disposition', 'disposition', query.disposition);
    add('survey_score = $score', 'score', query.surveyScore);
    add('call_id IN (SELECT call_id FROM wrap_ups WHERE handoff_feedback = $feedback)', 'feedback', query.feedback);
    if (query.category === 'none') where.push('NOT handed_over');
    else if (query.category === 'any') where.push('handed_over');
    else add('category = $category', 'category', query.category);
    const words = query.text ? wordsOf(query.text) : [];
    if (words.length > 0) {
      words.forEach((word, i) => (params[`w${i}`] = word));
      // Each word is kept once per call, so a call with all of them has as many rows as there are words.
      where.push(`call_id IN (SELECT call_id FROM call_words WHERE word IN (${words.map((_, i) => `$w${i}`).join(', ')}) GROUP BY call_id HAVING count(*) = ${words.length})`);
    }
    const filter = where.join(' AND ');
    // The page and how many match in one pass; a page past the end asks for the count alone.
    const rows = (
      await this.db.runAndReadAll(
        `SELECT count(*) OVER () AS total, call_id, flow_id, flow_version, strftime(started_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS started_at, strftime(ended_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS ended_at,
           disposition, turns, phone, handed_over, category, signal, trigger_id, from_node_id, survey_score, left(caller_text, 160) AS snippet,
           (SELECT handoff_feedback FROM wrap_ups w WHERE w.call_id = calls.call_id) AS feedback
         FROM calls WHERE ${filter} ORDER BY started_at DESC, call_id LIMIT ${Math.trunc(query.limit)} OFFSET ${Math.trunc(query.offset)}`,
        params,
      )
    ).getRowObjectsJS();
    const total = rows.length > 0 ? rows[0].total : (await this.db.runAndReadAll(`SELECT count(*) AS total FROM calls WHERE ${filter}`, params)).getRowObjectsJS()[0].total;
    return {
      total: Number(total),
      calls: rows.map((r) => ({
        callId: String(r.call_id),
        flowId: String(r.flow_id),
        flowVersion: String(r.flow_version),
        startedAt: String(r.started_at),
        endedAt: String(r.ended_at),
        disposition: String(r.disposition),
        turns: Number(r.turns ?? 0),
        phone: (r.phone as string | null) ?? null,
        handoff: r.handed_over ? { category: r.category as HandoffCategory, signal: r.signal as HandoffSignal, triggerId: (r.trigger_id as string | null) ?? null, fromNodeId: (r.from_node_id as string | null) ?? null } : null,
        surveyScore: r.survey_score === null || r.survey_score === undefined ? null : Number(r.survey_score),
        snippet: String(r.snippet ?? '').replace(/\n/g, ' / '),
        handoffFeedback: (r.feedback as HandoffFeedback | null) ?? null,
      })),
    };
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.catchingUp?.catch(() => undefined);
    this.db.closeSync();
    this.instance.closeSync();
  }
}

/** A time as DuckDB's TIMESTAMP reads it (UTC, no zone). */
/** Seconds from the handoff to the agent answering. */
const WAIT = `date_diff('millisecond', handoff_at, outcome_at) / 1000.0`;
const num = (v: unknown) => Number(v ?? 0);
const maybe = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 100) / 100);
const sqlTime = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');
