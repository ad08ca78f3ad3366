import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type RunningPostgres } from '../../../test/services/postgres.ts';
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

  it('When PostgreSQL cannot be reached, then Baton says where it looked and what to do', async () => {
    await expect(PgCallLog.connect('postgres://baton:secret@127.0.0.1:1/postgres')).rejects.toThrow(/could not use PostgreSQL at postgres:\/\/baton:\*\*\*@127\.0\.0\.1:1\/postgres \(BATON_DATABASE_URL\).*unset BATON_DATABASE_URL/);
  });
});
