import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pino from 'pino';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedPersonas } from '../../server/src/seedPersonas.ts';
import { flowsDir, readExample, seedOpenQueues, startTestServer } from './testServer.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeEach(async () => {
  // The example queues exist, as on a real first start: a flow publishes only when its transfers reach them.
  server = await startTestServer(seedOpenQueues);
  await seedPersonas(server.store, path.join(flowsDir, 'personas'), pino({ level: 'silent' }));
  await request(server.url).post('/api/flows').send(await readExample('billing-support'));
});
afterEach(() => server.stop());

const api = () => request(server.url);
const simulate = (body: object) => api().post('/api/simulations').send(body);

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('timed out waiting');
}

describe('simulations API', () => {
  it('When personas are listed, then the six shipped callers are there, and an edited persona is kept on disk', async () => {
    const list = await api().get('/api/personas');
    expect(list.body.map((p: { id: string }) => p.id)).toEqual(['angry-repeat-caller', 'asks-for-agent', 'calm-regular', 'elderly-unsure', 'fraud-victim', 'impatient']);
    const calm = list.body.find((p: { id: string }) => p.id === 'calm-regular');
    const edited = await api().put('/api/personas/calm-regular').set('If-Match', `"${calm.version}"`).send({ ...calm, patienceTurns: 9 });
    expect(edited.status).toBe(200);
    expect(edited.body.patienceTurns).toBe(9);
    const created = await api().put('/api/personas/night-owl').send({ ...calm, id: undefined, name: 'Night owl' });
    expect(created.status).toBe(201);
    const disk = JSON.parse(await readFile(path.join(server.dataDir, 'baton.json'), 'utf8'));
    expect(disk.personas['calm-regular'].patienceTurns).toBe(9);
    expect(disk.personas['night-owl'].name).toBe('Night owl');
  });

  it('When a small run is posted, then the finished report comes back at once, the same seed gives the same report, and any call can be opened', async () => {
    const res = await simulate({ flowId: 'billing-support', calls: 300, seed: 7 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'done', progress: { done: 300, total: 300 } });
    const report = res.body.report;
    expect(report.containment.count + report.handoff.count + report.hungUp.count).toBe(300);
    expect(report.handoffsByCategory.length).toBeGreaterThan(0);
    const again = await simulate({ flowId: 'billing-support', calls: 300, seed: 7 });
    expect(JSON.stringify(again.body.report)).toBe(JSON.stringify(report));
    expect((await api().get(`/api/simulations/${res.body.id}`)).body.report).toEqual(report);

    const index = report.handoff.calls[0];
    const call = await api().get(`/api/simulations/${res.body.id}/calls/${index}`);
    expect(call.status).toBe(200);
    expect(call.body.call.result).toMatchObject({ index, outcome: 'handoff' });
    expect(call.body.call.transcript.some((t: { from: string; purpose?: string }) => t.purpose === 'transparency')).toBe(true);
    expect(call.body.call.path[0]).toBe('start');
    expect(call.body.call.queue).toMatchObject({ queue: call.body.call.result.handoff.queue });
  });

  it('When a what-if compares a draft with a touchier frustration trigger to the published flow, then it shows more handoffs and the calls that changed', async () => {
    await api().post('/api/flows/billing-support/publish');
    const flow = (await api().get('/api/flows/billing-support')).body;
    const trigger = flow.nodes.find((n: { id: string }) => n.id === 'trigger_frustrated');
    trigger.data.detectors = [{ signal: 'negative_sentiment', threshold: 0.1, turns: 1 }, { signal: 'raised_voice', deltaDb: 3 }];
    expect((await api().put('/api/flows/billing-support').set('If-Match', `"${flow.version}"`).send(flow)).status).toBe(200);
    const res = await simulate({ flowId: 'billing-support', version: 'draft', compareWith: 'published', calls: 500, seed: 3 });
    expect(res.status).toBe(200);
    const { report, comparison } = res.body;
    expect(comparison.baseline.flow.version).toBe(1);
    expect(report.flow.version).toBe('draft');
    expect(comparison.deltas.handoffRate).toBeGreaterThan(0);
    expect(comparison.changedCalls.count).toBeGreaterThan(0);
    const changed = comparison.changedCalls.calls[0];
    const call = await api().get(`/api/simulations/${res.body.id}/calls/${changed.index}`);
    expect(call.body.call.result.outcome).toBe(changed.after.outcome);
    expect(call.body.baseline.result.outcome).toBe(changed.before.outcome);
  });

  it('When a large run is posted, then it runs in the background with progress, and a running run can be cancelled', async () => {
    const res = await simulate({ flowId: 'billing-support', calls: 2_500, seed: 1 });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'running', progress: { total: 2_500 } });
    const done = await until(async () => (await api().get(`/api/simulations/${res.body.id}`)).body, (run) => run.status !== 'running');
    expect(done).toMatchObject({ status: 'done', progress: { done: 2_500, total: 2_500 } });
    expect(done.report.calls).toBe(2_500);
    expect((await api().delete(`/api/simulations/${res.body.id}`)).status).toBe(409);

    const long = await simulate({ flowId: 'billing-support', calls: 100_000, seed: 2 });
    expect(long.status).toBe(202);
    const cancelled = await api().delete(`/api/simulations/${long.body.id}`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await api().get(`/api/simulations/${long.body.id}`)).body.status).toBe('cancelled');
  }, 60_000);

  it('When a request is wrong, then the answer is a 4xx naming the problem', async () => {
    const noCalls = await simulate({ flowId: 'billing-support', calls: 0, seed: 1 });
    expect(noCalls.status).toBe(400);
    expect(noCalls.body.error.message).toMatch(/^calls:/);
    expect((await simulate({ flowId: 'nope', calls: 10, seed: 1 })).status).toBe(404);
    const unknownPersona = await simulate({ flowId: 'billing-support', calls: 10, seed: 1, personas: ['ghost'] });
    expect(unknownPersona.status).toBe(422);
    expect(unknownPersona.body.error.message).toMatch(/ghost/);
    expect((await simulate({ flowId: 'billing-support', calls: 10, seed: 1, compareWith: 'published' })).status).toBe(404);
    const badPersona = await api().put('/api/personas/calm-regular').set('If-Match', '"1"').send({ name: 'Calm', patienceTurns: -1 });
    expect(badPersona.status).toBe(422);
    expect(badPersona.body.error.issues.map((i: { path: string }) => i.path)).toContain('patienceTurns');
    expect((await api().get('/api/simulations/missing')).status).toBe(404);
    const run = await simulate({ flowId: 'billing-support', calls: 10, seed: 1 });
    const outOfRange = await api().get(`/api/simulations/${run.body.id}/calls/10`);
    expect(outOfRange.status).toBe(400);
    expect(outOfRange.body.error.message).toMatch(/0 to 9/);
  });
});
