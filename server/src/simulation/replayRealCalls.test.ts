import { staffingSchema } from '@baton/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPersonas } from './loadPersonas.ts';
import { replayRealCalls, simulatedRealCalls } from './replayRealCalls.ts';
import { simulationFlow } from './simulationFlow.ts';
import { SimulationWorkers } from './SimulationWorkers.ts';
import { flowsDir, readFlow, testNlu, withoutNode } from './testing.ts';

const personas = await loadPersonas(`${flowsDir}/personas`);
const billing = readFlow('billing-support');
const staffing = staffingSchema.parse({});
const workers = new SimulationWorkers(2);
afterAll(() => workers.close());

describe('replaying real calls', () => {
  it('When calls are replayed on the version they ran on, then every one ends as it did, and the worker threads give what one thread gives', { timeout: 30_000 }, async () => {
    const version1 = { doc: billing, version: 1 as const };
    const calls = simulatedRealCalls(simulationFlow(version1, testNlu), personas, 3, 2_500);
    expect(new Set(calls.map((c) => c.happened.outcome))).toEqual(new Set(['contained', 'handoff']));

    const alone = await replayRealCalls({ flow: version1, calls, seed: 1, staffing }, { nlu: testNlu });
    expect(alone.reproduction).toEqual({ checked: 2_500, same: 2_500, differed: [] });
    const threaded = await replayRealCalls({ flow: version1, calls, seed: 1, staffing }, { nlu: testNlu, workers });
    expect(JSON.stringify(threaded.run.report)).toBe(JSON.stringify(alone.run.report));
  });

  it('When a draft drops the trigger for requests for a person, then the calls that asked for one are the calls that changed, and the real calls are named', async () => {
    const version1 = { doc: billing, version: 1 as const };
    const calls = simulatedRealCalls(simulationFlow(version1, testNlu), personas, 5, 400);
    const draft = withoutNode(billing, 'trigger_person');
    const output = await replayRealCalls({ flow: { doc: draft, version: 'draft' }, baseline: version1, calls, seed: 1, staffing }, { nlu: testNlu });
    const asked = calls.flatMap((c, i) => (c.happened.category === 'explicit_request' ? [i] : []));
    expect(asked.length).toBeGreaterThan(0);
    const changed = output.comparison!.changedCalls.calls;
    expect(changed.length).toBeGreaterThan(0);
    for (const c of changed) {
      expect(asked).toContain(c.index);
      expect(c.realCall).toEqual({ callId: `real-${c.index}`, startedAt: calls[c.index].startedAt });
    }
    expect(output.reproduction.checked).toBe(400);
  });
});
