import { appendFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonlCallLog } from './JsonlCallLog.ts';

let dir: string;
const logs: JsonlCallLog[] = [];
const openLog = (now?: () => Date) => {
  const log = new JsonlCallLog(dir, now, () => undefined);
  logs.push(log);
  return log;
};
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'baton-calls-'));
});
afterEach(async () => {
  await Promise.all(logs.splice(0).map((log) => log.close()));
  await rm(dir, { recursive: true, force: true });
});

describe('JsonlCallLog', () => {
  it('When calls are appended interleaved, then reading one returns only its records, oldest first', async () => {
    const log = openLog();
    for (let turn = 0; turn < 3; turn++) {
      log.append('call-1', { turn });
      log.append('call-2', { turn, text: 'other' });
    }
    await log.flush();
    expect(await log.read('call-1')).toEqual([0, 1, 2].map((turn) => ({ callId: 'call-1', at: expect.any(String), turn })));
    expect(await log.read('unknown')).toEqual([]);
  });

  it('When the log is reopened, then a call is found by scanning the day files, across days', async () => {
    let now = new Date('2025-06-14T23:59:00Z');
    const first = openLog(() => now);
    first.append('call-1', { step: 'start' });
    first.append('call-2', { step: 'start' });
    now = new Date('2025-06-15T00:01:00Z');
    first.append('call-1', { step: 'end' });
    await first.close();
    expect((await readdir(dir)).sort()).toEqual(['2025-06-14.jsonl', '2025-06-15.jsonl']);

    const second = openLog();
    expect((await second.read('call-1')).map((r) => r.step)).toEqual(['start', 'end']);
    expect((await second.read('call-2')).map((r) => r.step)).toEqual(['start']);
  });

  it('When several calls are read for a replay, then each comes back whole, across days, from the day they started on, and others are left out', async () => {
    let now = new Date('2025-06-13T12:00:00Z');
    const log = openLog(() => now);
    log.append('before', { step: 'start' });
    now = new Date('2025-06-14T23:59:00Z');
    log.append('call-1', { step: 'start' });
    log.append('call-2', { step: 'start' });
    log.append('other', { step: 'start' });
    now = new Date('2025-06-15T00:01:00Z');
    log.append('call-1', { step: 'end' });
    await log.flush();
    const found = await log.readCalls(['call-1', 'call-2', 'before', 'missing'], new Date('2025-06-14T00:00:00Z'));
    expect([...found.keys()].sort()).toEqual(['call-1', 'call-2']);
    expect(found.get('call-1')!.map((r) => r.step)).toEqual(['start', 'end']);
  });

  it('When the last line was torn by a crash, then it is skipped and later appends are still readable', async () => {
    const file = path.join(dir, '2025-06-15.jsonl');
    await appendFile(file, '{"callId":"call-1","at":"2025-06-15T10:00:00Z","n":1}\n{"callId":"call-1","at":"2025-06-1');
    const log = openLog(() => new Date('2025-06-15T11:00:00Z'));
    expect(await log.read('call-1')).toEqual([{ callId: 'call-1', at: '2025-06-15T10:00:00Z', n: 1 }]);
    log.append('call-1', { n: 3 });
    await log.flush();
    expect((await log.read('call-1')).map((r) => r.n)).toEqual([1, 3]);
    expect((await readFile(file, 'utf8')).split('\n')).toHaveLength(4);
  });

  it('When a record carries its own callId, then it is still filed under the call it was appended to', async () => {
    const log = openLog();
    log.append('call-1', { callId: 'call-2', n: 1 });
    expect(await log.read('call-1')).toEqual([{ callId: 'call-1', at: expect.any(String), n: 1 }]);
    expect(await log.read('call-2')).toEqual([]);
  });

  it('When the day file cannot be written, then flush rejects instead of hanging and the next append retries', async () => {
    const now = () => new Date('2025-06-15T11:00:00Z');
    await mkdir(path.join(dir, '2025-06-15.jsonl'));
    const log = openLog(now);
    log.append('call-1', { n: 1 });
    log.append('call-1', { n: 2 });
    await expect(log.flush()).rejects.toThrow();
    await rm(path.join(dir, '2025-06-15.jsonl'), { recursive: true });
    log.append('call-1', { n: 3 });
    await log.flush();
    expect((await log.read('call-1')).map((r) => r.n)).toEqual([3]);
  });
});
