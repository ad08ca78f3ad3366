import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pino from 'pino';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedExampleFlows } from '../../server/src/seedExampleFlows.ts';
import { flowsDir, readExample, seedOpenQueues, startTestServer } from './testServer.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeEach(async () => {
  // The example queues exist, as on a real first start: a flow publishes only when its transfers reach them.
  server = await startTestServer(seedOpenQueues);
});
afterEach(() => server.stop());

const api = () => request(server.url);
const tests = '/api/flows/billing-support/tests';

const askForAPerson = {
  name: 'Caller asks for a person',
  turns: [{ text: 'let me talk to a real person' }],
  expect: {
    path: ['main', 'trigger_person', 'tell_handoff', 'transfer_billing'],
    status: 'queued',
    handoff: { category: 'explicit_request', signal: 'explicit_request' },
  },
};

const balance = {
  name: 'Caller asks for the balance',
  turns: [{ text: 'how much do I owe' }],
  expect: { endsAt: 'ask_account', handoff: null, heard: [{ exact: 'Sure. What is your 8 digit account number?' }] },
};

async function billingWith(...bodies: object[]) {
  await api().post('/api/flows').send(await readExample('billing-support'));
  return Promise.all(bodies.map(async (body) => (await api().post(tests).send(body)).body));
}

describe('conversation tests API', () => {
  it('When an analyst adds, renames and deletes a test, then the list shows each change and the id stays the same', async () => {
    await api().post('/api/flows').send(await readExample('billing-support'));
    const created = await api().post(tests).send(askForAPerson);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'caller-asks-for-a-person', ...askForAPerson });
    expect(created.headers.location).toBe('/api/flows/billing-support/tests/caller-asks-for-a-person');

    const renamed = await api().put(`${tests}/caller-asks-for-a-person`).send({ ...created.body, name: 'Caller wants an agent' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id: 'caller-asks-for-a-person', name: 'Caller wants an agent' });
    expect((await api().get(tests)).body).toEqual([renamed.body]);

    expect((await api().delete(`${tests}/caller-asks-for-a-person`)).status).toBe(204);
    expect((await api().get(tests)).body).toEqual([]);
    expect((await api().delete(`${tests}/caller-asks-for-a-person`)).status).toBe(404);
  });

  it('When a second test has the same name, then it is refused with 409 and ids stay unique for similar names', async () => {
    await billingWith(askForAPerson);
    const duplicate = await api().post(tests).send({ ...askForAPerson, name: 'caller asks for a person ' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.code).toBe('conversation_test_exists');
    const similar = await api().post(tests).send({ ...askForAPerson, name: 'Caller asks for a person!' });
    expect(similar.body.id).toBe('caller-asks-for-a-person-2');
    const renameOnto = await api().put(`${tests}/caller-asks-for-a-person-2`).send({ ...askForAPerson });
    expect(renameOnto.status).toBe(409);
  });

  it('When a malformed test is sent, then it is refused with 422 naming the field, and the stored tests and file are unchanged', async () => {
    await billingWith(askForAPerson);
    const before = await readFile(path.join(server.dataDir, 'baton.json'), 'utf8');
    const badTurn = await api().post(tests).send({ ...balance, turns: [{ text: '' }] });
    expect(badTurn.status).toBe(422);
    expect(badTurn.body.error.code).toBe('invalid_conversation_test');
    expect(badTurn.body.error.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: expect.stringMatching(/^turns\.0/) })]));
    const badStatus = await api().put(`${tests}/caller-asks-for-a-person`).send({ ...askForAPerson, expect: { status: 'waiting' } });
    expect(badStatus.status).toBe(422);
    expect(badStatus.body.error.message).toMatch(/expect\.status/);
    expect((await api().put(`${tests}/caller-asks-for-a-person`).send({ ...askForAPerson, id: 'other' })).status).toBe(400);
    expect((await api().post(tests).send([askForAPerson])).status).toBe(400);
    expect((await api().post('/api/flows/no-such-flow/tests').send(askForAPerson)).status).toBe(404);
    expect((await api().get(tests)).body).toEqual([expect.objectContaining(askForAPerson)]);
    expect(await readFile(path.join(server.dataDir, 'baton.json'), 'utf8')).toBe(before);
  });

  it('When all tests are run, then each passes with its expectations, what the caller heard, the path and the handoff', async () => {
    await billingWith(askForAPerson, balance);
    const run = await api().post(`${tests}/run`).send({});
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ flow: { id: 'billing-support', version: 'draft' }, passed: 2, failed: 0 });
    const [person, owed] = run.body.results;
    expect(person).toMatchObject({ id: 'caller-asks-for-a-person', passed: true, path: expect.arrayContaining(['transfer_billing']) });
    expect(person.handoff).toMatchObject({ category: 'explicit_request', triggerId: 'trigger_person' });
    expect(person.expectations.map((e: { expectation: string }) => e.expectation)).toEqual(['path', 'status', 'handoff', 'told before transfer']);
    expect(owed).toMatchObject({ passed: true, handoff: null });
    expect(owed.heard).toContain('Sure. What is your 8 digit account number?');
  });

  it('When one test is run by id, then only that test is reported; an unknown id is a 404 naming it', async () => {
    await billingWith(askForAPerson, balance);
    const one = await api().post(`${tests}/run`).send({ testIds: ['caller-asks-for-the-balance'] });
    expect(one.body.results.map((r: { id: string }) => r.id)).toEqual(['caller-asks-for-the-balance']);
    const unknown = await api().post(`${tests}/run`).send({ testIds: ['nope'] });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(/"nope"/);
    expect((await api().post(`${tests}/run`).send({ version: 'latest' })).status).toBe(400);
    expect((await api().post(`${tests}/run`).send({ version: 'published' })).body.error.code).toBe('version_not_found');
  });

  it('When a test expects a node the flow does not have, then it is stored and the run reports the failing expectation with its detail', async () => {
    await billingWith({ ...balance, expect: { ...balance.expect, path: ['main', 'ask_postcode'] } });
    const run = await api().post(`${tests}/run`).send();
    expect(run.body).toMatchObject({ passed: 0, failed: 1 });
    const [result] = run.body.results;
    expect(result.passed).toBe(false);
    const path = result.expectations.find((e: { expectation: string }) => e.expectation === 'path');
    expect(path).toMatchObject({ passed: false, detail: expect.stringContaining('ask_postcode') });
    expect(result.expectations.find((e: { expectation: string }) => e.expectation === 'heard').passed).toBe(true);
  });

  it('When a conversation test fails, then publishing is refused with the failure; once the test is fixed, the flow publishes', async () => {
    const [broken] = await billingWith({ ...balance, expect: { ...balance.expect, heard: [{ contains: 'postcode' }] } }, askForAPerson);
    const refused = await api().post('/api/flows/billing-support/publish');
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('conversation_tests_failed');
    expect(refused.body.error.message).toMatch(/^1 of 2 conversation test\(s\) failed/);
    expect(refused.body.error.issues).toEqual([
      { id: broken.id, name: balance.name, expectations: [expect.objectContaining({ expectation: 'heard', passed: false, detail: expect.stringContaining('postcode') })] },
    ]);
    expect((await api().get('/api/flows/billing-support/versions')).body).toEqual([]);

    await api().put(`${tests}/${broken.id}`).send(balance);
    const published = await api().post('/api/flows/billing-support/publish');
    expect(published.status).toBe(200);
    expect(published.body.publishedVersion).toBe(1);
    const onPublished = await api().post(`${tests}/run`).send({ version: 'published' });
    expect(onPublished.body).toMatchObject({ flow: { version: 1 }, passed: 2, failed: 0 });
  });

  it('When the draft has compile errors, then a run is refused with 422 flow_has_errors', async () => {
    const flow = await readExample('billing-support');
    await api().post('/api/flows').send({ ...flow, edges: flow.edges.filter((e: { id: string }) => e.id !== 'main-no_match') });
    await api().post(tests).send(balance);
    const run = await api().post(`${tests}/run`).send({});
    expect(run.status).toBe(422);
    expect(run.body.error.code).toBe('flow_has_errors');
  });

  it('When a flow is deleted, then its tests go with it', async () => {
    await billingWith(askForAPerson);
    await api().delete('/api/flows/billing-support');
    expect((await api().get(tests)).status).toBe(404);
    await api().post('/api/flows').send(await readExample('billing-support'));
    expect((await api().get(tests)).body).toEqual([]);
  });

  it('When Baton starts on an empty store, then the example flows come with their conversation tests, each with an id, and all pass', async () => {
    expect(await seedExampleFlows(server.store, flowsDir, pino({ level: 'silent' }))).toBe(3);
    for (const id of ['billing-support', 'card-services', 'tech-support']) {
      const stored = (await api().get(`/api/flows/${id}/tests`)).body as Array<{ id: string; name: string }>;
      const file = JSON.parse(await readFile(path.join(flowsDir, 'conversations', `${id}.json`), 'utf8'));
      expect(stored.map((t) => t.name)).toEqual(file.tests.map((t: { name: string }) => t.name));
      expect(new Set(stored.map((t) => t.id)).size).toBe(stored.length);
      const run = await api().post(`/api/flows/${id}/tests/run`).send({});
      expect(run.body).toMatchObject({ passed: stored.length, failed: 0 });
    }
    expect(await seedExampleFlows(server.store, flowsDir, pino({ level: 'silent' }))).toBe(0);
  });
});
