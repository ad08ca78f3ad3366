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
