import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type RunningPostgres } from '../../../test/services/postgres.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CallAnalytics } from '../analytics/CallAnalytics.ts';
import { PgCallLog } from './PgCallLog.ts';

let postgres: RunningPostgres;
beforeAll(async () => {
  postgres = await startPostgres();
}, 180_000);
afterAll(() => postgres?.stop());

describe('the call log in PostgreSQL (several instances)', () => {
  it('When two instances append the events of the same calls, then each call reads back whole and in order, wherever its events were written', async () => {
    const a = await PgCallLog.connect(postgres.url);
    // The second instance finds the schema in place (migrations run once).
    const b = await PgCallLog.connect(postgres.url);
    try {
      for (let turn = 0; turn < 50; turn++) {
        const log = turn % 2 ? b : a;
        log.append('call-1', { turn, said: `line ${turn}` });
        log.append('call-2', { turn });
        await log.flush();
      }
      const one = await a.read('call-1');
      expect(one.map((r) => r.turn)).toEqual(Array.from({ length: 50 }, (_, i) => i));
      expect(one[0]).toMatchObject({ callId: 'call-1', at: expect.any(String), said: 'line 0' });
      expect((await b.read('call-2')).length).toBe(50);
      expect(await a.read('no-such-call')).toEqual([]);
      // A replay reads many calls at once.
      const many = await b.readCalls(['call-1', 'call-2', 'no-such-call'], new Date(0));
      expect([...many.keys()].sort()).toEqual(['call-1', 'call-2']);
      expect(many.get('call-1')!.map((r) => r.turn)).toEqual(Array.from({ length: 50 }, (_, i) => i));
      // The same event taken again (its first instance died before saving the call) is logged once.
      a.append('call-4', { event: 'utterance', first: true }, '7:0');
      await a.flush();
      b.append('call-4', { event: 'utterance', first: false }, '7:0');
      b.append('call-4', { event: 'hangup' }, '7:1');
      await b.flush();
      expect(await a.read('call-4')).toEqual([expect.objectContaining({ first: true }), expect.objectContaining({ event: 'hangup' })]);
      // A record cannot file itself under another call.
      a.append('call-3', { callId: 'call-1', note: 'mine' });
      await a.flush();
      expect((await b.read('call-3'))[0]).toMatchObject({ callId: 'call-3', note: 'mine' });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('When a number\'s calls end on different instances, then each instance reads the latest of them, newest first, each once', async () => {
    const a = await PgCallLog.connect(postgres.url);
    const b = await PgCallLog.connect(postgres.url);
    try {
      const call = (n: number) => ({ callId: `n-${n}`, startedAt: `2026-12-0${n}T10:00:00.000Z`, endedAt: `2026-12-0${n}T10:05:00.000Z`, disposition: 'resolved', surveyScore: n % 5 || 5 });
      for (let n = 1; n <= 6; n++) (n % 2 ? a : b).callEnded('+15550100', call(n));
      a.callEnded('+15550100', call(6));
      b.callEnded('+15550199', call(1));
      await Promise.all([a.flush(), b.flush()]);
      expect((await a.earlierCalls('+15550100', 5)).map((c) => c.callId)).toEqual(['n-6', 'n-5', 'n-4', 'n-3', 'n-2']);
      expect(await b.earlierCalls('+15550100', 1)).toEqual([call(6)]);
      expect(await b.earlierCalls('+15550000', 5)).toEqual([]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('When calls finish on two instances, then analytics reads each call once from PostgreSQL, wrap-ups included, and a replay finds their events', async () => {
    const a = await PgCallLog.connect(postgres.url);
    const b = await PgCallLog.connect(postgres.url);
    const dir = mkdtempSync(path.join(tmpdir(), 'baton-pg-analytics-'));
    const analytics = await CallAnalytics.open(path.join(dir, 'analytics.duckdb'), a);
    try {
      const startedAt = new Date(Date.now() - 60_000).toISOString();
      const facts = (n: number, more: Record<string, unknown> = {}) => ({ callId: `pg-${n}`, flowId: 'pg-flow', flowVersion: '1', startedAt, endedAt: startedAt, disposition: 'resolved', turns: 2, path: ['start'], callerText: 'hello', ...more });
      a.append('pg-1', { event: { type: 'hangup', at: startedAt }, facts: facts(1) });
      b.append('pg-2', { facts: facts(2, { handoff: { category: 'frustration', signal: 'negative_sentiment', triggerId: 't', at: startedAt } }) });
      // The same call's facts taken again by another instance are counted once.
      b.append('pg-1', { facts: facts(1) });
      b.append('pg-2', { wrapUp: { agentId: 'amara', disposition: 'resolved', note: '', hadToAskAgain: true, handoffFeedback: 'not_needed', at: startedAt } });
      await Promise.all([a.flush(), b.flush()]);
      // Rows of the last two seconds are left for the next read (their ids may still be overtaken).
      await new Promise((resolve) => setTimeout(resolve, 2_200));
      const summary = await analytics.summary({ from: new Date(Date.now() - 3_600_000), to: new Date(), flowId: 'pg-flow' });
      expect(summary).toMatchObject({ calls: 2, handedOver: 1, wrappedUp: 1, hadToRepeat: 1 });
      expect(summary.byTrigger[0]).toMatchObject({ triggerId: 't', notNeeded: 1 });
      expect((await analytics.callsToReplay({ flowId: 'pg-flow', from: new Date(Date.now() - 3_600_000), to: new Date(), limit: 10 })).found).toBe(2);
    } finally {
      await analytics.close();
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('When PostgreSQL cannot be reached, then Baton says where it looked and what to do', async () => {
    await expect(PgCallLog.connect('postgres://baton:secret@127.0.0.1:1/postgres')).rejects.toThrow(/could not use PostgreSQL at postgres:\/\/baton:\*\*\*@127\.0\.0\.1:1\/postgres \(BATON_DATABASE_URL\).*unset BATON_DATABASE_URL/);
  });
});
