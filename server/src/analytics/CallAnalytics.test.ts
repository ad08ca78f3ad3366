import { appendFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallFacts } from '@baton/shared';
import { JsonlCallLog } from '../store/JsonlCallLog.ts';
import { CallAnalytics } from './CallAnalytics.ts';

const day = new Date('2026-12-01T09:00:00.000Z');
const at = (minutes: number, seconds = 0) => new Date(day.getTime() + minutes * 60_000 + seconds * 1000).toISOString();

/** A finished call's facts: contained by the assistant unless `handoff` says how it went to a person. */
function facts(n: number, more: Partial<CallFacts> = {}): CallFacts {
  return { callId: `call-${n}`, flowId: 'billing-support', flowVersion: '3', startedAt: at(n), endedAt: at(n, 50), disposition: 'resolved', turns: 3, path: ['start', 'main'], callerText: 'what is my balance', ...more };
}
const frustrated = (n: number, waitSeconds: number): Partial<CallFacts> => ({
  disposition: 'transferred',
  handoff: { category: 'frustration', signal: 'negative_sentiment', triggerId: 'trigger_frustrated', fromNodeId: 'ask_account', turns: 2, at: at(n, 10), queue: 'billing', outcome: 'connected', outcomeAt: at(n, 10 + waitSeconds) },
});

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

async function setUp(dir = mkdtempSync(path.join(tmpdir(), 'baton-analytics-'))) {
  const log = new JsonlCallLog(path.join(dir, 'calls'), () => day);
  const analytics = await CallAnalytics.open(path.join(dir, 'analytics.duckdb'), log);
  open.push(analytics, log);
  return { dir, log, analytics };
}

describe('analytics of real calls', () => {
  it('When calls were contained, handed over for frustration at the account step and abandoned while waiting, then the figures count each, with waits, wrap-ups and scores', async () => {
    const { log, analytics } = await setUp();
    log.append('call-1', { facts: facts(1, { surveyScore: 5 }) });
    log.append('call-2', { facts: facts(2, frustrated(2, 12)) });
    log.append('call-3', { facts: facts(3, frustrated(3, 40)) });
    log.append('call-3', { wrapUp: { agentId: 'amara', disposition: 'resolved', note: '', hadToAskAgain: true, handoffFeedback: 'not_needed', at: at(3, 45) } });
    log.append('call-4', { facts: facts(4, { flowVersion: '2', disposition: 'abandoned_in_queue', handoff: { category: 'explicit_request', signal: 'explicit_request', triggerId: 'trigger_person', fromNodeId: 'main', turns: 1, at: at(4, 5), queue: 'billing' } }) });
    // Another flow, and a call outside the period, are not counted.
    log.append('call-5', { facts: facts(5, { flowId: 'tech-support' }) });
    log.append('call-6', { facts: facts(60 * 24 * 3) });
    // The day before: the previous period, to compare with.
    log.append('call-7', { facts: facts(-60 * 12, { callId: 'call-7', surveyScore: 3 }) });
    const summary = await analytics.summary({ from: day, to: new Date(day.getTime() + 86_400_000), flowId: 'billing-support' });
    expect(summary).toMatchObject({ calls: 4, contained: 1, handedOver: 3, connected: 2, waitMeanSeconds: 26, withinServiceLevel: 1, abandonedWaiting: 1, wrappedUp: 1, resolvedByAgent: 1, hadToRepeat: 1, surveyed: 1, satisfactionMean: 5, turnsBeforeHandoff: 1.67 });
    expect(summary.byCategory).toEqual([{ category: 'frustration', calls: 2 }, { category: 'explicit_request', calls: 1 }]);
    expect(summary.byTrigger[0]).toEqual({ triggerId: 'trigger_frustrated', signal: 'negative_sentiment', fromNodeId: 'ask_account', calls: 2, notNeeded: 1, sooner: 0 });
    expect(summary.trend).toEqual({ by: 'hour', points: [{ at: '2026-12-01T09:00', calls: 4, contained: 1, handedOver: 3 }] });
    expect(summary.previous).toMatchObject({ from: '2026-11-30T09:00:00.000Z', to: '2026-12-01T09:00:00.000Z', calls: 1, contained: 1, handedOver: 0, satisfactionMean: 3 });
    expect(summary.byVersion).toEqual([
      { flowId: 'billing-support', version: '3', calls: 3, contained: 1, handedOver: 2, connected: 2, withinServiceLevel: 1, surveyed: 1, satisfactionMean: 5, notNeeded: 1 },
      { flowId: 'billing-support', version: '2', calls: 1, contained: 0, handedOver: 1, connected: 0, withinServiceLevel: 0, surveyed: 0, satisfactionMean: null, notNeeded: 0 },
    ]);
    // A week is shown by day.
    expect((await analytics.summary({ from: new Date(day.getTime() - 6 * 86_400_000), to: new Date(day.getTime() + 86_400_000), flowId: 'billing-support' })).trend.points).toEqual([
      { at: '2026-11-30', calls: 1, contained: 1, handedOver: 0 },
      { at: '2026-12-01', calls: 4, contained: 1, handedOver: 3 },
    ]);
    expect((await analytics.summary({ from: day, to: new Date(day.getTime() + 86_400_000) })).calls).toBe(5);
  });

  it('When the copy is reopened after more calls, a damaged line and a line still being written, then each call is counted once and the damaged line is counted as skipped', async () => {
    const first = await setUp();
    first.log.append('call-1', { facts: facts(1) });
    expect((await first.analytics.summary({ from: day, to: new Date(day.getTime() + 86_400_000) })).calls).toBe(1);
    await first.analytics.close();
    open.splice(open.indexOf(first.analytics), 1);
    first.log.append('call-2', { facts: facts(2) });
    await first.log.flush();
    const file = path.join(first.dir, 'calls', readdirSync(path.join(first.dir, 'calls')).find((f) => f.endsWith('.jsonl') && f.startsWith('2026'))!);
    appendFileSync(file, '{"callId":"call-x","facts":{"callId":"call-x",\n');
    appendFileSync(file, `${JSON.stringify({ callId: 'call-3', facts: facts(3) })}\n{"callId":"call-4","facts":`);

    const analytics = await CallAnalytics.open(path.join(first.dir, 'analytics.duckdb'), first.log);
    open.push(analytics);
    const period = { from: day, to: new Date(day.getTime() + 86_400_000) };
    expect((await analytics.summary(period)).calls).toBe(3);
    expect(await analytics.skippedLines()).toBe(1);
    // The half-written line is read once it is whole.
    appendFileSync(file, `${JSON.stringify(facts(4))}}\n`);
    expect((await analytics.summary(period)).calls).toBe(4);
  });

  it('When a period has no calls, then every figure is zero or empty, not an error', async () => {
    const { analytics } = await setUp();
    const summary = await analytics.summary({ from: day, to: new Date(day.getTime() + 86_400_000) });
    expect(summary).toMatchObject({ calls: 0, handedOver: 0, waitMeanSeconds: null, satisfactionMean: null, byCategory: [], trend: { by: 'hour', points: [] }, byVersion: [] });
  });
});
