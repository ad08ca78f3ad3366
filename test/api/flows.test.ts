import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readExample, seedOpenQueues, startTestServer } from './testServer.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeEach(async () => {
  // The example queues exist, as on a real first start: a flow publishes only when its transfers reach them.
  server = await startTestServer(seedOpenQueues);
});
afterEach(() => server.stop());

const api = () => request(server.url);

describe('flows API', () => {
  it('When an admin creates a flow, then it is listed with version 1 and can be read back with its ETag', async () => {
    const created = await api().post('/api/flows').send(await readExample('billing-support'));
    expect(created.status).toBe(201);
    expect(created.body.version).toBe(1);
    const list = await api().get('/api/flows');
    expect(list.body).toEqual([expect.objectContaining({ id: 'billing-support', name: 'Billing support', version: 1, publishedVersion: null })]);
    const got = await api().get('/api/flows/billing-support');
    expect(got.headers.etag).toBe('"1"');
    expect(got.body.nodes.length).toBeGreaterThan(10);
  });

  it('When a flow is created through the API without an id, then it gets one from its name, made unique, and answers 201 with it', async () => {
    const { id: _id, ...withoutId } = await readExample('billing-support');
    const first = await api().post('/api/flows').send({ ...withoutId, name: 'Refunds & Payment plans!' });
    expect(first.status).toBe(201);
    expect(first.body.id).toBe('refunds-payment-plans');
    expect(first.headers.location).toBe('/api/flows/refunds-payment-plans');
    const second = await api().post('/api/flows').send({ ...withoutId, name: 'Refunds & payment plans' });
    expect(second.status).toBe(201);
    expect(second.body.id).toBe('refunds-payment-plans-2');
    expect((await api().get('/api/flows/refunds-payment-plans-2')).body.name).toBe('Refunds & payment plans');
    const unnamed = await api().post('/api/flows').send({ ...withoutId, name: undefined });
    expect(unnamed.status).toBe(422);
    expect(unnamed.body.error.message).toMatch(/name/);
  });

  it('When two people edit the same version, then the second save is refused with 412 and nothing is overwritten', async () => {
    const flow = (await api().post('/api/flows').send(await readExample('billing-support'))).body;
    const first = await api().put('/api/flows/billing-support').set('If-Match', '"1"').send({ ...flow, name: 'Billing (Ana)' });
    expect(first.status).toBe(200);
    expect(first.headers.etag).toBe('"2"');
    const second = await api().put('/api/flows/billing-support').set('If-Match', '"1"').send({ ...flow, name: 'Billing (Ben)' });
    expect(second.status).toBe(412);
    expect(second.body.error.code).toBe('version_mismatch');
    expect((await api().get('/api/flows/billing-support')).body.name).toBe('Billing (Ana)');
  });

  it('When a save comes without If-Match, then it is refused with 428 saying what to send', async () => {
    const flow = (await api().post('/api/flows').send(await readExample('billing-support'))).body;
    const res = await api().put('/api/flows/billing-support').send(flow);
    expect(res.status).toBe(428);
    expect(res.body.error.message).toMatch(/If-Match/);
  });

  it('When a flow still has errors, then publishing is refused with the list; once fixed, it publishes an immutable version', async () => {
    const flow = await readExample('billing-support');
    const broken = { ...flow, edges: flow.edges.filter((e: { id: string }) => e.id !== 'main-no_match') };
    await api().post('/api/flows').send(broken);
    const refused = await api().post('/api/flows/billing-support/publish');
    expect(refused.status).toBe(422);
    expect(refused.body.error.issues).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'ai_without_no_match', nodeId: 'main' })]));
    const issues = await api().get('/api/flows/billing-support/issues');
    expect(issues.body.some((i: { code: string }) => i.code === 'ai_without_no_match')).toBe(true);

    await api().put('/api/flows/billing-support').set('If-Match', '"1"').send(flow);
    const published = await api().post('/api/flows/billing-support/publish');
    expect(published.status).toBe(200);
    expect(published.body.publishedVersion).toBe(1);
    await api().put('/api/flows/billing-support').set('If-Match', '"2"').send({ ...flow, name: 'Changed later' });
    const snapshot = await api().get('/api/flows/billing-support/versions/1');
    expect(snapshot.body.flow.name).toBe('Billing support');
    expect((await api().get('/api/flows/billing-support/versions')).body).toHaveLength(1);
    // Saved since it was published from revision 2: the draft has changed since v1.
    expect((await api().get('/api/flows')).body[0]).toMatchObject({ version: 3, publishedVersion: 1, publishedFromDraft: 2 });
    expect((await api().get('/api/flows/billing-support')).body).toMatchObject({ version: 3, publishedVersion: 1, publishedFromDraft: 2 });
  });

  it('When an admin rolls back to version 1 after publishing a version 2, then version 3 is version 1\'s flow, new calls get it, and the draft is kept', async () => {
    const flow = (await api().post('/api/flows').send(await readExample('billing-support')).expect(201)).body;
    await api().post('/api/flows/billing-support/publish').expect(200);
    await api().put('/api/flows/billing-support').set('If-Match', '"1"').send({ ...flow, nodes: flow.nodes.map((n: { id: string; data: Record<string, unknown> }) => (n.id === 'start' ? { ...n, data: { ...n.data, greeting: 'Hello from version two.' } } : n)) }).expect(200);
    await api().post('/api/flows/billing-support/publish').expect(200);

    const rolled = await api().post('/api/flows/billing-support/versions/1/rollback').expect(200);
    expect(rolled.body).toMatchObject({ publishedVersion: 3, rolledBackFrom: 1 });
    const versions = (await api().get('/api/flows/billing-support/versions').expect(200)).body;
    expect(versions.map((v: { publishedVersion: number; rolledBackFrom?: number }) => [v.publishedVersion, v.rolledBackFrom ?? null])).toEqual([[1, null], [2, null], [3, 1]]);
    // Callers of the published flow hear version 1's greeting again; the draft still has version 2's.
    const call = await api().post('/api/calls').send({ flowId: 'billing-support', version: 'published' }).expect(201);
    expect(JSON.stringify(call.body)).not.toContain('Hello from version two.');
    expect(call.body.flow).toMatchObject({ version: 3 });
    const draft = (await api().get('/api/flows/billing-support').expect(200)).body;
    expect(draft.nodes.find((n: { id: string }) => n.id === 'start').data.greeting).toBe('Hello from version two.');
    expect(draft).toMatchObject({ publishedVersion: 3, publishedFromDraft: 1 });

    expect((await api().post('/api/flows/billing-support/versions/9/rollback')).status).toBe(404);
    expect((await api().post('/api/flows/billing-support/versions/one/rollback')).status).toBe(404);
  });

  it('When a flow is deleted, then it is gone', async () => {
    await api().post('/api/flows').send(await readExample('billing-support'));
    expect((await api().delete('/api/flows/billing-support')).status).toBe(204);
    expect((await api().get('/api/flows/billing-support')).status).toBe(404);
  });
});
