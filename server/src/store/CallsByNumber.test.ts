import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EarlierCall } from '@baton/shared';
import { CallsByNumber } from './CallsByNumber.ts';

const call = (n: number, more: Partial<EarlierCall> = {}): EarlierCall => ({ callId: `c${n}`, startedAt: `2026-12-0${n}T10:00:00.000Z`, endedAt: `2026-12-0${n}T10:05:00.000Z`, disposition: 'resolved', ...more });

describe('a number\'s earlier calls', () => {
  it('When a number has called seven times, then the latest five are kept, newest first, and read back the same after a restart (a torn line skipped)', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'baton-by-number-')), 'by-number.jsonl');
    const errors: Error[] = [];
    const index = new CallsByNumber(file, (e) => errors.push(e));
    for (let n = 1; n <= 7; n++) index.add('+15550001', call(n, n === 7 ? { surveyScore: 4, handoff: { category: 'frustration', signal: 'negative_sentiment', queue: 'billing', outcome: 'connected' } } : {}));
    index.add('+15550002', call(8));
    const latest = index.latest('+15550001', 5);
    expect(latest.map((c) => c.callId)).toEqual(['c7', 'c6', 'c5', 'c4', 'c3']);
    expect(index.latest('+15550001', 2).map((c) => c.callId)).toEqual(['c7', 'c6']);
    expect(index.latest('+15550009', 5)).toEqual([]);
    await index.close();

    appendFileSync(file, '{"phone":"+15550001","call":{"callId":');
    const again = new CallsByNumber(file, (e) => errors.push(e));
    expect(again.latest('+15550001', 5)).toEqual(latest);
    again.add('+15550001', call(9));
    await again.close();
    // The next line starts on a line of its own, after the torn one.
    expect(readFileSync(file, 'utf8').trimEnd().split('\n').at(-1)).toContain('"c9"');
    expect(new CallsByNumber(file, (e) => errors.push(e)).latest('+15550001', 1)[0].callId).toBe('c9');
    expect(errors).toEqual([]);
  });
});
