import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readExample, seedOpenQueues, startTestServer } from './testServer.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeEach(async () => {
  server = await startTestServer(seedOpenQueues);
});
afterEach(() => server.stop());

const api = () => request(server.url);

/** The billing example, stored under its own id, after `change`. */
type Flow = { nodes: Array<{ kind: string; data: { queue?: string } }>; settings: { queues: Array<{ id: string; name: string }> } };
async function billingWith(id: string, change: (flow: Flow) => void) {
  const flow = await readExample('billing-support');
  change(flow);
  expect((await api().post('/api/flows').send({ ...flow, id })).status).toBe(201);
}

describe('transfers and the queues they reach', () => {
  it('When a transfer goes to a flow queue that is not in Settings → Queues, then publish is refused with 422 and the issue names the step', async () => {
    // What a blank flow used to be made with: a queue "general" that only the flow itself knew.
    await billingWith('no-such-team', (flow) => {
      flow.settings.queues = flow.settings.queues.map((q) => (q.id === 'billing' ? { id: 'general', name: 'support team' } : q));
      for (const node of flow.nodes) if (node.kind === 'transfer' && node.data.queue === 'billing') node.data.queue = 'general';
    });

    const refused = await api().post('/api/flows/no-such-team/publish');
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('flow_has_errors');
    expect(refused.body.error.issues).toContainEqual(
      expect.objectContaining({ code: 'transfer_queue_unknown', severity: 'error', nodeId: 'transfer_billing', message: expect.stringMatching(/"support team" \(queue "general"\), which is not in Settings → Queues/) }),
    );
    expect((await api().get('/api/flows/no-such-team/issues')).body).toContainEqual(expect.objectContaining({ code: 'transfer_queue_unknown', severity: 'error' }));
  });

  it('When no agent has every skill a transfer asks for, then the flow warns that its callers can never reach a person, and once an agent has them the warning goes', async () => {
    await billingWith('rare-skill', (flow) => {
      for (const node of flow.nodes) if (node.kind === 'transfer' && node.data.queue === 'billing') (node.data as { skills?: string[] }).skills = ['billing', 'sign_language'];
    });
    const warned = (await api().get('/api/flows/rare-skill/issues').expect(200)).body;
    expect(warned).toContainEqual(
      expect.objectContaining({ code: 'transfer_nobody_skilled', severity: 'warning', nodeId: 'transfer_billing', message: expect.stringMatching(/No agent has every skill .* \(billing, sign_language\)/) }),
    );
    // A warning, not an error: the flow can be published while the team is being trained.
    const agents = (await api().get('/api/agents').expect(200)).body as Array<{ id: string; version: number; skills: Array<{ skill: string; proficiency: number }> }>;
    const amara = agents.find((a) => a.id === 'amara-okafor')!;
    await api().put('/api/agents/amara-okafor').set('If-Match', `"${amara.version}"`).send({ ...amara, skills: [...amara.skills, { skill: 'sign_language', proficiency: 3 }] }).expect(200);
    expect(((await api().get('/api/flows/rare-skill/issues').expect(200)).body as Array<{ code: string }>).map((i) => i.code)).not.toContain('transfer_nobody_skilled');
  });

  it("When a queue is taken out of the flow's settings while a transfer still uses it, then publish is refused, naming the step", async () => {
    await billingWith('queue-removed', (flow) => (flow.settings.queues = flow.settings.queues.filter((q) => q.id !== 'care')));
    const refused = await api().post('/api/flows/queue-removed/publish');
    expect(refused.status).toBe(422);
    const unknown = refused.body.error.issues.filter((i: { code: string }) => i.code === 'transfer_queue_unknown');
    expect(unknown.length).toBeGreaterThan(0);
    expect(unknown[0].message).toMatch(/sends calls to the queue "care", which is not one of this flow's queues/);
  });

  it('When every transfer reaches a queue of Settings → Queues, then the flow publishes', async () => {
    await billingWith('all-good', () => undefined);
    expect((await api().post('/api/flows/all-good/publish')).status).toBe(200);
  });
});
