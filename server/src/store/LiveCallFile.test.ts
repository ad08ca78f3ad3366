import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LiveCallFile } from './LiveCallFile.ts';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'baton-live-'));
  file = path.join(dir, 'live-calls.jsonl');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const lines = async () => (await readFile(file, 'utf8')).split('\n').filter(Boolean);
const whole = (value: object) => () => ({ text: JSON.stringify(value), whole: true });
const change = (value: object) => () => ({ text: JSON.stringify(value), whole: false });

describe('calls in progress kept in the data directory', () => {
  it('When a call changes several times within a batch, then it is written once, as it was last', async () => {
    const live = await LiveCallFile.open(file);
    let turn = 0;
    for (let i = 0; i < 5; i++) live.changed('call-1', () => ({ text: JSON.stringify({ turn: ++turn }), whole: true }));
    await live.flush();
    expect(await lines()).toEqual(['{"callId":"call-1","whole":true,"call":{"turn":1}}']);
    expect(turn).toBe(1);
  });

  it('When the server starts again, then it finds each call in progress as saved whole and its changes since, and not the calls that ended', async () => {
    const first = await LiveCallFile.open(file);
    first.changed('a', whole({ step: 'ask' }));
    first.changed('b', whole({ step: 'queue' }));
    await first.flush();
    first.changed('a', change({ step: 'answer' }));
    first.changed('b', () => null);
    await first.flush();
    first.changed('a', change({ step: 'thanks' }));
    await first.close();

    const again = await LiveCallFile.open(file);
    expect(again.interrupted()).toEqual([[{ step: 'ask' }, { step: 'answer' }, { step: 'thanks' }]]);
    // Opening rewrote the file with only what is still in progress.
    expect(await lines()).toHaveLength(3);
    expect(await lines()).not.toContainEqual(expect.stringContaining('"b"'));
  });

  it('When a call is saved whole again, then its older lines are no longer needed', async () => {
    const live = await LiveCallFile.open(file);
    live.changed('a', whole({ n: 1 }));
    await live.flush();
    live.changed('a', change({ n: 2 }));
    await live.flush();
    live.changed('a', whole({ n: 3 }));
    await live.close();
    expect((await LiveCallFile.open(file)).interrupted()).toEqual([[{ n: 3 }]]);
  });

  it('When a crash tore the last line, then the calls before it are found and the torn one keeps its previous state', async () => {
    await writeFile(file, '{"callId":"a","whole":true,"call":{"n":1}}\n{"callId":"b","whole":true,"call":{"n":1}}\n');
    await appendFile(file, '{"callId":"b","whole":false,"call":{"n":2');
    const live = await LiveCallFile.open(file);
    expect(live.interrupted()).toEqual([[{ n: 1 }], [{ n: 1 }]]);
    live.changed('c', whole({ n: 1 }));
    await live.flush();
    const again = await LiveCallFile.open(file);
    expect(again.interrupted()).toHaveLength(3);
  });

  it('When a server runs for a long time, then the file holds about the calls in progress, not every change ever made', async () => {
    const live = await LiveCallFile.open(file);
    for (let round = 0; round < 30; round++) {
      for (let i = 0; i < 200; i++) live.changed(`call-${round}-${i}`, whole({ round }));
      await live.flush();
      for (let i = 0; i < 200; i++) live.changed(`call-${round}-${i}`, () => null);
      await live.flush();
    }
    live.changed('still-here', whole({ ok: true }));
    await live.flush();
    expect((await lines()).length).toBeLessThan(2_500);
    const again = await LiveCallFile.open(file);
    expect(again.interrupted()).toEqual([[{ ok: true }]]);
  });
});
