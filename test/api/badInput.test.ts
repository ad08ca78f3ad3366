import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readExample, startTestServer } from './testServer.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let flow: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
beforeEach(async () => {
  server = await startTestServer();
  flow = await readExample('billing-support');
  await request(server.url).post('/api/flows').send(flow);
});
afterEach(() => server.stop());

const save = (body: unknown) => request(server.url).put('/api/flows/billing-support').set('If-Match', '"1"').send(body as object);
type ErrorBody = { error: { code: string; message: string } };
/** Sends the bytes as they are (supertest would write a Buffer out as JSON). */
const putRaw = async (headers: Record<string, string>, body: string | Buffer) => {
  const res = await fetch(`${server.url}/api/flows/billing-support`, { method: 'PUT', headers: { 'If-Match': '"1"', 'Content-Type': 'application/json', ...headers }, body });
  return { status: res.status, body: await res.json() };
};
const nested = (depth: number) => Array.from({ length: depth }).reduce<object>((inner) => ({ a: inner }), {});
const stored = async () => (await request(server.url).get('/api/flows/billing-support')).body;
const withNode = (id: string, change: (n: Record<string, any>) => void) => { // eslint-disable-line @typescript-eslint/no-explicit-any
  const copy = structuredClone(flow);
  change(copy.nodes.find((n: { id: string }) => n.id === id));
  return copy;
};

describe('bad input', () => {
  const cases: Array<[string, () => PromiseLike<{ status: number; body: any }>, number, RegExp]> = [ // eslint-disable-line @typescript-eslint/no-explicit-any
    ['malformed JSON', () => request(server.url).put('/api/flows/billing-support').set('If-Match', '"1"').set('Content-Type', 'application/json').send('{"id": "billing-support", "nodes": ['), 400, /not valid JSON/],
    ['an unknown node kind', () => save(withNode('say_balance', (n) => (n.kind = 'teleport'))), 422, /unknown kind "teleport"/],
    ['a missing field', () => save({ ...flow, name: undefined }), 422, /name/],
    ['a node without its required text', () => save(withNode('say_balance', (n) => delete n.data.text)), 422, /say_balance/],
    ['an edge to nowhere', () => save({ ...flow, edges: [...flow.edges, { id: 'x', source: 'main', sourcePort: 'balance', target: 'nowhere' }] }), 422, /nowhere/],
    ['a rule reaching for constructor', () => save(withNode('refund_check', (n) => (n.data.conditions[0].rule = 'slots["constructor"] == "x"'))), 422, /constructor/],
    ['a rule reaching for __proto__', () => save(withNode('trigger_person', (n) => (n.data.rule = 'has(slots.__proto__)'))), 422, /__proto__/],
    ['a rule with a regular expression', () => save(withNode('trigger_person', (n) => (n.data.rule = 'text.matches("(a+)+$")'))), 422, /regular expressions/],
    ['an oversized body', () => save({ ...flow, description: 'x'.repeat(3 * 1024 * 1024) }), 413, /larger than/],
    ['a body that is not JSON at all', () => request(server.url).put('/api/flows/billing-support').set('If-Match', '"1"').set('Content-Type', 'text/plain').send('hello'), 415, /Content-Type: application\/json/],
    ['a JSON array instead of a flow', () => save([1, 2, 3]), 400, /JSON object/],
    ['an id that does not match the address', () => save({ ...flow, id: 'other' }), 400, /same id/],
    ['a node whose data is nested 2,000 levels deep', () => save(withNode('say_balance', (n) => (n.data.extra = nested(2000)))), 400, /nested too deeply at nodes\[\d+\]\.data\.extra\.a\.a/],
    ['a node with a setting its kind does not have', () => save(withNode('say_balance', (n) => (n.data.colour = 'red'))), 422, /"data\.colour", which this kind of node does not have/],
    ['a setting unknown deep inside a node', () => save(withNode('trigger_person', (n) => (n.data.scope = { ...n.data.scope, everywhereish: true }))), 422, /"data\.scope\.everywhereish"/],
    ['a body marked gzip that is not', () => putRaw({ 'Content-Encoding': 'gzip' }, JSON.stringify(flow)), 400, /says it is gzip-compressed .*but is not/],
    ['a body marked br that is not', () => putRaw({ 'Content-Encoding': 'br' }, JSON.stringify(flow)), 400, /says it is br-compressed .*but is not/],
    ['a gzip body cut short', () => putRaw({ 'Content-Encoding': 'gzip' }, gzipSync(JSON.stringify(flow)).subarray(0, 200)), 400, /gzip-compressed .*cut short/],
    ['a gzip body that inflates past the limit', () => putRaw({ 'Content-Encoding': 'gzip' }, gzipSync(JSON.stringify({ ...flow, description: 'x'.repeat(3 * 1024 * 1024) }))), 413, /larger than/],
  ];

  for (const [what, send, status, message] of cases) {
    it(`When someone saves ${what}, then they get ${status} naming the problem and the stored flow is unchanged`, async () => {
      const res = await send();
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(res.body.error.message).toMatch(message);
      expect(typeof res.body.error.code).toBe('string');
      const after = await stored();
      expect(after.version).toBe(1);
      expect(after.nodes).toEqual(flow.nodes);
    });
  }

  it('When a trigger rule nests checks of lists six deep (a 526-character rule), then saving it is refused with 422 naming the costly part', async () => {
    const list = `[${Array.from({ length: 25 }, (_, i) => i).join(',')}]`;
    const inner = [...'abcdef'].reverse().reduce((body, v) => `${list}.all(${v}, ${body})`, 'a + b + c + d + e + f >= 0');
    const rule = `sentiment < -0.5 && ${inner} && repeats >= 2 && turns > 0`;
    const res = await save(withNode('trigger_person', (n) => (n.data.rule = rule)));
    expect(res.status).toBe(422);
    expect(res.body.error.issues[0]).toMatchObject({ code: 'rule_invalid', nodeId: 'trigger_person', field: 'data.rule' });
    expect(res.body.error.message).toMatch(/The part "\[0,1,2,[^"]*\.all\([a-f], [^"]*" could take too long on each caller turn: it goes through .* up to 25 items/);
    expect((await stored()).version).toBe(1);
  });

  it('When a trigger rule checks one list, then it saves', async () => {
    const rule = 'topics.exists(t, t == "fraud" || t == "legal_threat") && sentiment < 0.5';
    const res = await save(withNode('trigger_person', (n) => (n.data.rule = rule)));
    expect(res.status).toBe(200);
    expect((await stored()).nodes.find((n: { id: string }) => n.id === 'trigger_person').data.rule).toBe(rule);
  });

  it('When a flow is created with an unknown kind, then the issue names the node and the kinds that exist', async () => {
    const res = await request(server.url).post('/api/flows').send({ ...withNode('say_balance', (n) => (n.kind = 'teleport')), id: 'copy' });
    expect(res.status).toBe(422);
    expect(res.body.error.issues[0]).toMatchObject({ code: 'unknown_node_kind', nodeId: 'say_balance' });
    expect(res.body.error.issues[0].message).toMatch(/Known kinds: start, say/);
  });

  it('When the same flow id is created twice, then the second gets 409', async () => {
    const res = await request(server.url).post('/api/flows').send(flow);
    expect(res.status).toBe(409);
  });

  it('When a call turn is malformed, then the reason names the field', async () => {
    const call = (await request(server.url).post('/api/calls').send({ flowId: 'billing-support' })).body;
    const res = await request(server.url).post(`/api/calls/${call.callId}/turns`).send({ text: 'hi', dtmf: '5' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/exactly one of/);
    const loud = await request(server.url).post(`/api/calls/${call.callId}/turns`).send({ text: 'hi', loudnessDb: 'very' });
    expect(loud.status).toBe(400);
    expect(loud.body.error.issues[0].path).toBe('loudnessDb');
  });

  it('When a call starts with more caller details than rules are costed for, then it is refused naming the limit', async () => {
    const attributes = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`detail${i}`, 'x']));
    const res = await request(server.url).post('/api/calls').send({ flowId: 'billing-support', caller: { attributes } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/at most 50 attributes/);
  });

  it('When a compressed call turn does not inflate, or a webhook has thousands of form fields, then it is a 4xx, not a 500', async () => {
    const call = (await request(server.url).post('/api/calls').send({ flowId: 'billing-support' })).body;
    const turn = await fetch(`${server.url}/api/calls/${call.callId}/turns`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }, body: '{"text":"hi"}' });
    expect(turn.status).toBe(400);
    expect(((await turn.json()) as ErrorBody).error.message).toMatch(/says it is gzip-compressed/);
    const form = new URLSearchParams(Array.from({ length: 1500 }, (_, i): [string, string] => [`Field${i}`, 'x']));
    const webhook = await fetch(`${server.url}/twilio/voice`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form });
    expect(webhook.status).toBe(413);
    expect(((await webhook.json()) as ErrorBody).error.message).toMatch(/form fields/);
  });

  it('When an unknown address or call is asked for, then it is a JSON 404', async () => {
    expect((await request(server.url).get('/api/nothing')).body.error.code).toBe('no_such_endpoint');
    expect((await request(server.url).post('/api/calls/nope/turns').send({ text: 'hi' })).status).toBe(404);
    expect((await request(server.url).post('/api/calls').send({ flowId: 'ghost' })).status).toBe(404);
  });
});
