import { staffingSchema, type FlowDocument } from '@baton/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPersonas } from './loadPersonas.ts';
import { runSimulation, type SimulationInput } from './runSimulation.ts';
import { SimulationCancelled, SimulationWorkers } from './SimulationWorkers.ts';
import { flowsDir, readFlow, testNlu } from './testing.ts';

const personas = await loadPersonas(`${flowsDir}/personas`);
const billing = readFlow('billing-support');
const staffing = staffingSchema.parse({ callsPer30Min: 200, queues: { billing: { agents: 6, ahtSeconds: 300 } } });
const input = (calls: number, seed: number, doc: FlowDocument = billing): SimulationInput => ({ flow: { doc, version: 'draft' }, personas, calls, seed, staffing });
const workers = new SimulationWorkers(2);
afterAll(() => workers.close());

/** The billing flow with its frustration trigger made touchier: any negative turn or a 3 dB rise hands off. */
function touchierFrustration(): FlowDocument {
  const doc = structuredClone(billing);
  const trigger = doc.nodes.find((n) => n.id === 'trigger_frustrated')!;
  trigger.data = { ...trigger.data, detectors: [{ signal: 'negative_sentiment', threshold: 0.1, turns: 1 }, { signal: 'repeated_question', atLeast: 2 }, { signal: 'raised_voice', deltaDb: 3 }] };
  return doc;
}

describe('batch simulation', () => {
  it('When the same seed and input run twice, then the reports are byte-identical, and another seed gives another report', async () => {
    const first = JSON.stringify((await runSimulation(input(600, 7), { nlu: testNlu })).run.report);
    const again = JSON.stringify((await runSimulation(input(600, 7), { nlu: testNlu })).run.report);
    expect(again).toBe(first);
    expect(JSON.stringify((await runSimulation(input(600, 8), { nlu: testNlu })).run.report)).not.toBe(first);
  });

  it('When a run is split across worker threads, then its report is identical to a single-thread run', async () => {
    const progress: number[] = [];
    const threaded = await runSimulation(input(2_600, 3), { nlu: testNlu, workers, onProgress: (done) => progress.push(done) });
    const single = await runSimulation(input(2_600, 3), { nlu: testNlu });
    expect(JSON.stringify(threaded.run.report)).toBe(JSON.stringify(single.run.report));
    expect(threaded.run.results).toEqual(single.run.results);
    expect(progress.at(-1)).toBe(2_600);
    expect(progress.length).toBeGreaterThan(5);
  }, 60_000);

  it('When a report is built, then its figures add up and each lists the calls behind it', async () => {
    const { run } = await runSimulation(input(800, 5), { nlu: testNlu });
    const r = run.report;
    expect(r.containment.count + r.handoff.count + r.hungUp.count).toBe(800);
    expect(r.handoffsByCategory.reduce((s, row) => s + row.count, 0)).toBe(r.handoff.count);
    expect(r.handoffsByNode.reduce((s, row) => s + row.count, 0)).toBe(r.handoff.count);
    expect(r.turnsBeforeHandoff.distribution.reduce((s, d) => s + d.count, 0)).toBe(r.handoff.count);
    for (const index of r.handoffsBySignal[0].calls) expect(run.results[index].handoff?.signal).toBe(r.handoffsBySignal[0].key);
    expect(r.queue.waitP90Seconds).toBeLessThanOrEqual(r.queue.waitMaxSeconds);
    expect(r.queue.answeredWithin20s.count + r.queue.abandoned.count).toBeLessThanOrEqual(r.handoff.count);
    expect(r.byPersona.map((p) => p.key).sort()).toEqual(personas.map((p) => p.id).sort());
  });

  it('When a what-if compares a copy with a lower frustration threshold, then it hands off more, and the calls that changed are listed', async () => {
    const { run, comparison } = await runSimulation({ ...input(1_000, 7, touchierFrustration()), baseline: { doc: billing, version: 'draft' } }, { nlu: testNlu });
    expect(comparison).toBeDefined();
    const { baseline, deltas, changedCalls } = comparison!;
    expect(run.report.handoff.rate).toBeGreaterThan(baseline.handoff.rate);
    expect(deltas.handoffRate).toBeCloseTo(run.report.handoff.rate - baseline.handoff.rate, 4);
    const frustration = (rows: typeof baseline.handoffsByCategory) => rows.find((row) => row.key === 'frustration')?.count ?? 0;
    expect(frustration(run.report.handoffsByCategory)).toBeGreaterThan(frustration(baseline.handoffsByCategory));
    expect(changedCalls.count).toBeGreaterThan(0);
    const changed = changedCalls.calls[0];
    expect(changed.after).not.toEqual(changed.before);
    expect(changedCalls.calls.some((c) => c.change === 'newly_handed_over' && c.before.outcome === 'contained' && c.after.category === 'frustration')).toBe(true);
    expect(Object.values(changedCalls.byChange).reduce((a, b) => a + b, 0)).toBe(changedCalls.count);
    // The rise is clear: its 95 % range holds the change and stays above 0.
    const [low, high] = comparison!.ranges.handoffRate;
    expect(low).toBeGreaterThan(0);
    expect(low).toBeLessThanOrEqual(deltas.handoffRate);
    expect(high).toBeGreaterThanOrEqual(deltas.handoffRate);
  });

  it('When a version is compared with itself, then no call changed and every range is 0 to 0', async () => {
    const { comparison } = await runSimulation({ ...input(500, 3), baseline: { doc: billing, version: 'draft' } }, { nlu: testNlu });
    expect(comparison!.changedCalls.count).toBe(0);
    for (const range of Object.values(comparison!.ranges)) expect(range).toEqual([0, 0]);
  });

  it('When a run is cancelled, then it stops with SimulationCancelled', async () => {
    const controller = new AbortController();
    const running = runSimulation(input(5_000, 1), { nlu: testNlu, workers, signal: controller.signal, onProgress: (done) => done >= 500 && controller.abort() });
    await expect(running).rejects.toBeInstanceOf(SimulationCancelled);
    const inProcess = new AbortController();
    inProcess.abort();
    await expect(runSimulation(input(500, 1), { nlu: testNlu, signal: inProcess.signal })).rejects.toBeInstanceOf(SimulationCancelled);
  }, 60_000);
});
