import request from 'supertest';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { useBillingServer } from './testServer.ts';
import { addTestUser } from '../../server/src/testing/testAccounts.ts';

// Who may do what: nobody without a sign-in or an access key, each role only its own work, a browser's changes only
// with its page's security token. Requests here carry their own credentials (an empty Authorization sends none).

const billing = useBillingServer();
const { api } = billing;
const anonymous = () => request(billing.server.url);
const as = (scope: 'admin' | 'analyst' | 'supervisor' | 'calls') => {
  const token = billing.server.tokens[scope];
  const agent = request.agent(billing.server.url);
  return { get: (p: string) => agent.get(p).set('authorization', `Bearer ${token}`), put: (p: string) => agent.put(p).set('authorization', `Bearer ${token}`), post: (p: string) => agent.post(p).set('authorization', `Bearer ${token}`), delete: (p: string) => agent.delete(p).set('authorization', `Bearer ${token}`) };
};

/** Signs a person in as a browser does: the session cookie and the page's CSRF token. */
async function signIn(name: string, password: string) {
  const res = await anonymous().post('/api/session').set('authorization', '').send({ name, password });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const cookies = (res.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]);
  return { cookie: cookies.join('; '), csrf: res.body.csrfToken as string, setCookies: res.headers['set-cookie'] as unknown as string[] };
}

// Every kind of /api route, with an id where one is needed (the answer without credentials never depends on it).
const ROUTES: Array<[string, string]> = [
  ['GET', '/api/session'], ['DELETE', '/api/session'], ['GET', '/api/users'], ['POST', '/api/users'], ['PUT', '/api/users/x'], ['DELETE', '/api/users/x'],
  ['GET', '/api/tokens'], ['POST', '/api/tokens'], ['DELETE', '/api/tokens/x'],
  ['GET', '/api/flows'], ['POST', '/api/flows'], ['GET', '/api/flows/billing-support'], ['PUT', '/api/flows/billing-support'], ['DELETE', '/api/flows/billing-support'],
  ['GET', '/api/flows/billing-support/issues'], ['POST', '/api/flows/billing-support/publish'], ['GET', '/api/flows/billing-support/versions'], ['GET', '/api/flows/billing-support/versions/1'], ['POST', '/api/flows/billing-support/versions/1/rollback'],
  ['GET', '/api/flows/billing-support/tests'], ['POST', '/api/flows/billing-support/tests'], ['POST', '/api/flows/billing-support/tests/run'], ['POST', '/api/flows/billing-support/tests/preview'], ['PUT', '/api/flows/billing-support/tests/t'], ['DELETE', '/api/flows/billing-support/tests/t'],
  ['POST', '/api/calls'], ['GET', '/api/calls/c'], ['GET', '/api/calls/c/events'], ['POST', '/api/calls/c/turns'],
  ['POST', '/api/simulations'], ['GET', '/api/simulations/s'], ['DELETE', '/api/simulations/s'], ['GET', '/api/simulations/s/calls/0'], ['GET', '/api/personas'], ['GET', '/api/personas/p'], ['PUT', '/api/personas/p'],
  ['GET', '/api/queues'], ['POST', '/api/queues'], ['GET', '/api/queues/billing'], ['PUT', '/api/queues/billing'], ['DELETE', '/api/queues/billing'], ['GET', '/api/queues/billing/webhook'], ['PUT', '/api/queues/billing/webhook'], ['GET', '/api/queues/billing/webhook/deliveries'],
  ['GET', '/api/routing/live'], ['GET', '/api/agents'], ['POST', '/api/agents'], ['GET', '/api/agents/ben-hughes'], ['PUT', '/api/agents/ben-hughes'], ['DELETE', '/api/agents/ben-hughes'],
  ['POST', '/api/desk/agents/ben-hughes/status'], ['GET', '/api/desk/agents/ben-hughes/state'], ['GET', '/api/desk/agents/ben-hughes/events'], ['POST', '/api/desk/offers/o/accept'], ['POST', '/api/desk/offers/o/decline'],
  ['POST', '/api/desk/calls/c/messages'], ['POST', '/api/desk/callbacks/c/claim'], ['POST', '/api/desk/calls/c/wrap-up'], ['POST', '/api/desk/calls/c/transfer'], ['POST', '/api/desk/calls/c/hand-back'], ['POST', '/api/desk/calls/c/hang-up'],
  ['GET', '/api/signals'], ['GET', '/api/analytics/summary'], ['GET', '/api/analytics/calls'], ['GET', '/api/analytics/calls/c'], ['GET', '/api/analytics/phrases'], ['GET', '/api/analytics/flows/billing-support/steps'],
  ['GET', '/api/numbers'], ['GET', '/api/numbers/+441234567890'], ['PUT', '/api/numbers/+441234567890'], ['DELETE', '/api/numbers/+441234567890'], ['GET', '/api/nothing-here'],
];

describe('Who may do what', () => {
  it('When a request comes without a sign-in or an access key, then every API route answers 401 and says how to sign in; health checks still answer', async () => {
    for (const [method, path] of ROUTES) {
      const res = await anonymous()[method.toLowerCase() as 'get'](path).set('authorization', '').set('content-type', 'application/json').send(method === 'GET' || method === 'DELETE' ? undefined : '{}');
      expect(`${method} ${path} ${res.status}`).toBe(`${method} ${path} 401`);
      expect(res.body.error).toMatchObject({ code: 'sign_in_required', message: expect.stringMatching(/Sign in/) });
    }
    expect((await anonymous().get('/healthz').set('authorization', '')).status).toBe(200);
    // A made-up key is no better than none.
    expect((await anonymous().get('/api/flows').set('authorization', 'Bearer baton_made_up')).status).toBe(401);
    // Nor is the call WebSocket open to anyone.
    const refused = await new Promise<number>((resolve) => {
      const socket = new WebSocket(`${billing.server.url.replace('http', 'ws')}/api/calls/ws`);
      socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.once('open', () => resolve(101));
    });
    expect(refused).toBe(401);
  });

  it('When a person signs in, then their browser gets an httpOnly SameSite session cookie, changes need the page\'s token, and after signing out the cookie no longer works', async () => {
    await addTestUser(billing.server.store, { name: 'ada', role: 'admin', password: 'a long admin password' });
    const { cookie, csrf, setCookies } = await signIn('Ada', 'a long admin password');
    expect(setCookies.find((c) => c.startsWith('baton_session='))).toMatch(/HttpOnly/i);
    expect(setCookies.find((c) => c.startsWith('baton_session='))).toMatch(/SameSite=Strict/i);
    const me = await anonymous().get('/api/session').set('cookie', cookie);
    expect(me.body.user).toMatchObject({ name: 'ada', role: 'admin' });

    // A change without the page's token is refused, a bodiless one too, and nothing happens.
    const bodiless = await anonymous().post('/api/flows/billing-support/publish').set('cookie', cookie);
    expect(bodiless.status).toBe(403);
    expect(bodiless.body.error.code).toBe('csrf_token_missing');
    expect((await anonymous().post('/api/flows/billing-support/publish').set('cookie', cookie).set('x-csrf-token', 'guessed')).status).toBe(403);
    expect((await api().get('/api/flows/billing-support/versions')).body).toEqual([]);
    // With it, the change goes through.
    expect((await anonymous().post('/api/flows/billing-support/publish').set('cookie', cookie).set('x-csrf-token', csrf)).status).toBe(200);

    // Another origin cannot use the session, not even to read or to listen to an event stream.
    const elsewhere = await anonymous().get('/api/desk/agents/ben-hughes/events').set('cookie', cookie).set('origin', 'https://tools.example.com').set('sec-fetch-site', 'same-site');
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.error.code).toBe('cross_site_request');
    expect((await anonymous().get('/api/flows').set('cookie', cookie).set('sec-fetch-site', 'same-origin')).status).toBe(200);

    expect((await anonymous().delete('/api/session').set('cookie', cookie).set('x-csrf-token', csrf)).status).toBe(204);
    expect((await anonymous().get('/api/session').set('cookie', cookie)).status).toBe(401);
  });

  it('When someone keeps guessing a password, then sign-in is slowed down (429 with how long to wait), even for the right password, and the answer never says whether the name exists', async () => {
    await addTestUser(billing.server.store, { name: 'bea', role: 'analyst', password: 'the right password' });
    const tries = [];
    for (let i = 0; i < 4; i++) tries.push(await anonymous().post('/api/session').set('authorization', '').send({ name: 'bea', password: `wrong ${i}` }));
    expect(tries.slice(0, 3).map((t) => t.status)).toEqual([401, 401, 401]);
    expect(tries[0].body.error.message).toBe((await anonymous().post('/api/session').set('authorization', '').send({ name: 'nobody-at-all', password: 'x' })).body.error.message);
    expect(tries[3].status).toBe(429);
    expect(Number(tries[3].headers['retry-after'])).toBeGreaterThan(0);
    const right = await anonymous().post('/api/session').set('authorization', '').send({ name: 'bea', password: 'the right password' });
    expect(right.status).toBe(429);
    expect(right.body.error.message).toMatch(/Wait \d+ seconds/);
  });

  it('When an admin revokes an access key, then it stops working at once; its secret is shown once and never listed', async () => {
    const made = await as('admin').post('/api/tokens').send({ name: 'Chat widget', scope: 'calls' }).expect(201);
    const secret = made.body.secret as string;
    expect((await anonymous().post('/api/calls').set('authorization', `Bearer ${secret}`).send({ flowId: 'billing-support' })).status).toBe(201);
    // A key for running calls cannot read flows.
    expect((await anonymous().get('/api/flows').set('authorization', `Bearer ${secret}`)).status).toBe(403);
    const listed = (await as('admin').get('/api/tokens').expect(200)).body as Array<Record<string, unknown>>;
    expect(JSON.stringify(listed)).not.toContain(secret);
    expect(listed.find((t) => t.id === made.body.token.id)).toMatchObject({ name: 'Chat widget', scope: 'calls', lastUsedAt: expect.any(String) });
    await as('admin').delete(`/api/tokens/${made.body.token.id}`).expect(200);
    expect((await anonymous().post('/api/calls').set('authorization', `Bearer ${secret}`).send({ flowId: 'billing-support' })).status).toBe(401);
  });

  it('When an analyst saves a flow, then a threshold change is saved, and every other kind of change is refused with 403 naming each field, the flow unchanged', async () => {
    const load = async () => (await as('admin').get('/api/flows/billing-support').expect(200)).body;
    const save = (flow: { version: number }) => as('analyst').put('/api/flows/billing-support').set('if-match', `"${flow.version}"`).send(flow);
    const flow = await load();
    const frustrated = flow.nodes.find((n: { id: string }) => n.id === 'trigger_frustrated');
    frustrated.data.detectors = frustrated.data.detectors.map((d: { signal: string }) => (d.signal === 'negative_sentiment' ? { ...d, threshold: 0.8 } : d));
    flow.nodes.find((n: { id: string }) => n.id === 'tell_handoff').data.text = 'I am putting you through to {{queue.name}} because {{handoff.reasonText}}. The wait is {{queue.waitText}}.';
    const saved = await save(flow);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);

    const forbidden: Array<[string, (f: any) => void, RegExp]> = [ // eslint-disable-line @typescript-eslint/no-explicit-any
      ['a spoken line', (f) => (f.nodes.find((n: { id: string }) => n.id === 'say_balance').data.text = 'Hello'), /nodes\[\d+\]\.data\.text/],
      ['a new step', (f) => f.nodes.push({ id: 'extra', kind: 'say', position: { x: 0, y: 0 }, data: { label: 'Extra', text: 'Hi' } }), /nodes\[\d+\]/],
      ['a removed connection', (f) => f.edges.pop(), /edges/],
      ['the flow name', (f) => (f.name = 'Renamed'), /^name$/],
      ['a trigger category', (f) => (f.nodes.find((n: { id: string }) => n.id === 'trigger_frustrated').data.category = 'custom'), /data\.category/],
      ['a move on the canvas', (f) => (f.nodes[0].position = { x: f.nodes[0].position.x + 40, y: f.nodes[0].position.y }), /position/],
    ];
    for (const [what, change, path] of forbidden) {
      const current = await load();
      change(current);
      const res = await save(current);
      expect(`${what}: ${res.status}`).toBe(`${what}: 403`);
      expect(res.body.error.code).toBe('not_allowed_for_analyst');
      expect(res.body.error.issues.map((i: { path: string }) => i.path).join(' ')).toMatch(path);
      expect((await load()).version).toBe(saved.body.version);
    }
    // Nor may an analyst publish, delete or create flows.
    expect((await as('analyst').post('/api/flows/billing-support/publish')).status).toBe(403);
    expect((await as('analyst').delete('/api/flows/billing-support')).status).toBe(403);
  });

  it('When a supervisor or an agent asks for what is not theirs, then it is refused with 403 saying so', async () => {
    expect((await as('supervisor').get('/api/routing/live')).status).toBe(200);
    expect((await as('supervisor').get('/api/analytics/summary')).status).toBe(200);
    const flow = (await as('supervisor').get('/api/flows/billing-support').expect(200)).body;
    const edit = await as('supervisor').put('/api/flows/billing-support').set('if-match', `"${flow.version}"`).send(flow);
    expect(edit.status).toBe(403);
    expect(edit.body.error.message).toMatch(/Supervisors cannot do this/);
    expect((await as('supervisor').post('/api/queues').send({})).status).toBe(403);
    expect((await as('analyst').get('/api/users')).status).toBe(403);
    expect((await as('analyst').put('/api/queues/billing/webhook').send({})).status).toBe(403);
  });

  it("When an agent signs in, then they work their own desk only: another agent's state, offers and calls are refused, and the call ends when its own agent hangs up", async () => {
    await addTestUser(billing.server.store, { name: 'ben', role: 'agent', password: 'bens password 1', agentId: 'ben-hughes' });
    await addTestUser(billing.server.store, { name: 'amara', role: 'agent', password: 'amaras password', agentId: 'amara-okafor' });
    const ben = await signIn('ben', 'bens password 1');
    const amara = await signIn('amara', 'amaras password');
    const asBen = (req: request.Test) => req.set('cookie', ben.cookie).set('x-csrf-token', ben.csrf);
    expect((await asBen(anonymous().get('/api/session'))).body.user).toMatchObject({ role: 'agent', agentId: 'ben-hughes' });
    expect((await asBen(anonymous().post('/api/desk/agents/ben-hughes/status')).send({ status: 'available' })).status).toBe(200);
    expect((await asBen(anonymous().get('/api/desk/agents/amara-okafor/state'))).status).toBe(403);
    expect((await asBen(anonymous().post('/api/desk/agents/amara-okafor/status')).send({ status: 'offline' })).status).toBe(403);
    expect((await asBen(anonymous().get('/api/flows'))).status).toBe(403);

    // A call offered to Amara: Ben can neither take it nor act on it.
    await anonymous().post('/api/desk/agents/amara-okafor/status').set('cookie', amara.cookie).set('x-csrf-token', amara.csrf).send({ status: 'available' }).expect(200);
    await asBen(anonymous().post('/api/desk/agents/ben-hughes/status')).send({ status: 'away' }).expect(200);
    const { callId } = (await api().post('/api/calls').send({ flowId: 'billing-support', version: 'draft' }).expect(201)).body;
    await api().post(`/api/calls/${callId}/turns`).send({ text: 'let me talk to a real person' }).expect(200);
    const offers = async () => (await anonymous().get('/api/desk/agents/amara-okafor/state').set('cookie', amara.cookie)).body.offers as Array<{ offerId: string }>;
    await expect.poll(async () => (await offers()).length).toBe(1);
    const [offer] = await offers();
    expect((await asBen(anonymous().post(`/api/desk/offers/${offer.offerId}/accept`))).status).toBe(403);
    await anonymous().post(`/api/desk/offers/${offer.offerId}/accept`).set('cookie', amara.cookie).set('x-csrf-token', amara.csrf).expect(200);
    expect((await asBen(anonymous().post(`/api/desk/calls/${callId}/messages`)).send({ agentId: 'amara-okafor', text: 'hello' })).status).toBe(403);
    expect((await asBen(anonymous().post(`/api/desk/calls/${callId}/hang-up`)).send({ agentId: 'amara-okafor' })).status).toBe(403);
    // Amara, at her own desk, ends the call: the caller hears goodbye and the call is over.
    const asAmara = (req: request.Test) => req.set('cookie', amara.cookie).set('x-csrf-token', amara.csrf);
    await asAmara(anonymous().post(`/api/desk/calls/${callId}/hang-up`)).send({ agentId: 'amara-okafor', wrapUp: { disposition: 'resolved', note: '', hadToAskAgain: false } }).expect(200);
    const ended = (await api().get(`/api/calls/${callId}`).expect(200)).body;
    expect(ended.state.status).toBe('ended');
    expect((ended.transcript as Array<{ text: string }>).at(-1)?.text).toBe('Thanks for calling. Goodbye.');
  });

  it('When an admin changes people, then a new role signs the person out everywhere, and the last admin cannot lose their rights', async () => {
    const made = await as('admin').post('/api/users').send({ name: 'cal', role: 'analyst', password: 'cals password' }).expect(201);
    expect(made.body).not.toHaveProperty('passwordHash');
    const cal = await signIn('cal', 'cals password');
    await as('admin').put(`/api/users/${made.body.id}`).set('if-match', `"${made.body.version}"`).send({ role: 'supervisor' }).expect(200);
    expect((await anonymous().get('/api/session').set('cookie', cal.cookie)).status).toBe(401);
    expect((await as('admin').post('/api/users').send({ name: 'cal', role: 'analyst', password: 'another password' })).status).toBe(409);
    // An agent must be linked to their desk.
    expect((await as('admin').post('/api/users').send({ name: 'dee', role: 'agent', password: 'dees password' })).body.error.issues[0].path).toBe('agentId');

    const first = (await as('admin').post('/api/users').send({ name: 'only-admin', role: 'admin', password: 'only admin password' }).expect(201)).body;
    const users = (await as('admin').get('/api/users').expect(200)).body as Array<{ id: string; role: string }>;
    // Switch off every other admin, then try to take the last one's rights away.
    for (const u of users.filter((u) => u.role === 'admin' && u.id !== first.id)) {
      const v = (await as('admin').get('/api/users')).body.find((x: { id: string }) => x.id === u.id).version;
      await as('admin').put(`/api/users/${u.id}`).set('if-match', `"${v}"`).send({ disabled: true }).expect(200);
    }
    const demoted = await as('admin').put(`/api/users/${first.id}`).set('if-match', `"${first.version}"`).send({ role: 'analyst' });
    expect(demoted.status).toBe(409);
    expect(demoted.body.error.code).toBe('last_admin');
  });

  it('When people change a flow, publish it with a note and sign in, then the audit trail says who did what, step and field, old → new, and the CSV has it too', async () => {
    await addTestUser(billing.server.store, { name: 'erin', role: 'analyst', password: 'erins password' });
    const erin = await signIn('erin', 'erins password');
    await anonymous().post('/api/session').set('authorization', '').send({ name: 'erin', password: 'not hers' });
    const flow = (await as('admin').get('/api/flows/billing-support')).body;
    const frustrated = flow.nodes.find((n: { id: string }) => n.id === 'trigger_frustrated');
    const before = frustrated.data.detectors.find((d: { signal: string }) => d.signal === 'negative_sentiment').threshold;
    frustrated.data.detectors = frustrated.data.detectors.map((d: { signal: string }) => (d.signal === 'negative_sentiment' ? { ...d, threshold: 0.77 } : d));
    await anonymous().put('/api/flows/billing-support').set('cookie', erin.cookie).set('x-csrf-token', erin.csrf).set('if-match', `"${flow.version}"`).send(flow).expect(200);
    await as('admin').post('/api/flows/billing-support/publish').send({ note: 'Calmer frustration threshold' }).expect(200);

    const { entries } = (await as('admin').get('/api/audit').expect(200)).body as { entries: Array<Record<string, any>> }; // eslint-disable-line @typescript-eslint/no-explicit-any
    const saved = entries.find((e) => e.action === 'update' && e.who === 'erin');
    expect(saved?.changes).toContainEqual({ field: expect.stringMatching(/^"[^"]+" detectors\[\d\]\.threshold$/), ...(before === undefined ? {} : { before }), after: 0.77 });
    expect(entries.find((e) => e.action === 'publish')).toMatchObject({ who: 'key "test admin"', flowId: 'billing-support', publishedVersion: 1, note: 'Calmer frustration threshold' });
    expect(entries.find((e) => e.action === 'sign_in_failed')).toMatchObject({ subject: 'erin' });
    expect(entries.find((e) => e.action === 'sign_in')).toMatchObject({ who: 'erin' });
    // Newest first; the versions list says who published and why.
    expect(entries[0].at >= entries.at(-1)!.at).toBe(true);
    expect((await as('admin').get('/api/flows/billing-support/versions')).body[0]).toMatchObject({ publishedBy: 'key "test admin"', note: 'Calmer frustration threshold' });

    const csv = await as('admin').get('/api/audit?action=update&format=csv').expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.split('\r\n')[0]).toBe('at,who,action,flow,version,published version,about,changes,note');
    expect(csv.text).toContain('erin,update,billing-support');
    expect((await anonymous().get('/api/audit').set('cookie', erin.cookie)).status).toBe(403);
  });

  it('When an analyst asks to publish, then an admin sees the request and approves it (the draft as asked is published, saying who asked) or declines it with a note the analyst reads', async () => {
    const asked = await as('analyst').post('/api/flows/billing-support/publish-requests').send({ note: 'Frustration fires too early' });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: 'open', requestedBy: 'key "test analyst"', note: 'Frustration fires too early' });
    expect((await as('analyst').post('/api/flows/billing-support/publish-requests').send({})).status).toBe(409);
    // Only an admin decides.
    expect((await as('analyst').post(`/api/flows/billing-support/publish-requests/${asked.body.id}/approve`)).status).toBe(403);
    const approved = await as('admin').post(`/api/flows/billing-support/publish-requests/${asked.body.id}/approve`).send({});
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: 'key "test admin"', publishedVersion: 1 });
    expect((await as('admin').get('/api/flows/billing-support/versions')).body[0]).toMatchObject({ publishedBy: 'key "test admin"', note: 'Frustration fires too early (asked by key "test analyst")' });

    // A request for a draft that changed since is not approved as if nothing happened; a decline needs a reason.
    const second = (await as('analyst').post('/api/flows/billing-support/publish-requests').send({}).expect(201)).body;
    const flow = (await as('admin').get('/api/flows/billing-support')).body;
    await as('admin').put('/api/flows/billing-support').set('if-match', `"${flow.version}"`).send({ ...flow, name: 'Billing support line' }).expect(200);
    expect((await as('admin').post(`/api/flows/billing-support/publish-requests/${second.id}/approve`)).body.error.code).toBe('draft_changed_since_request');
    expect((await as('admin').post(`/api/flows/billing-support/publish-requests/${second.id}/decline`).send({})).status).toBe(400);
    await as('admin').post(`/api/flows/billing-support/publish-requests/${second.id}/decline`).send({ note: 'Wait for Monday' }).expect(200);
    const seen = (await as('analyst').get('/api/flows/billing-support/publish-requests').expect(200)).body;
    expect(seen[0]).toMatchObject({ id: second.id, status: 'declined', decisionNote: 'Wait for Monday' });
  });

  it('When an analyst works on one flow, then they see and change only that flow: its list entry, page, analytics, test calls and what-ifs; other flows get 403 saying whom to ask', async () => {
    await api().post('/api/flows').send({ ...(await api().get('/api/flows/billing-support')).body, id: 'other-line', name: 'Other line', version: undefined }).expect(201);
    const made = await as('admin').post('/api/users').send({ name: 'fay', role: 'analyst', password: 'fays long password', flowIds: ['billing-support'] }).expect(201);
    expect(made.body.flowIds).toEqual(['billing-support']);
    const fay = await signIn('fay', 'fays long password');
    const get = (p: string) => anonymous().get(p).set('cookie', fay.cookie);
    const post = (p: string, body: object) => anonymous().post(p).set('cookie', fay.cookie).set('x-csrf-token', fay.csrf).send(body);
    expect((await get('/api/session')).body.user.flowIds).toEqual(['billing-support']);
    expect(((await get('/api/flows')).body as Array<{ id: string }>).map((f) => f.id)).toEqual(['billing-support']);
    expect((await get('/api/flows/billing-support')).status).toBe(200);
    const other = await get('/api/flows/other-line');
    expect(other.status).toBe(403);
    expect(other.body.error).toMatchObject({ code: 'not_your_flow', message: expect.stringMatching(/Ask an admin/) });
    expect((await get('/api/analytics/summary?flowId=billing-support')).status).toBe(200);
    expect((await get('/api/analytics/summary?flowId=other-line')).status).toBe(403);
    expect((await get('/api/analytics/summary')).body.error.message).toMatch(/Choose one of the flows you work on: billing-support/);
    expect((await get('/api/analytics/flows/other-line/steps')).status).toBe(403);
    expect((await post('/api/calls', { flowId: 'other-line', version: 'draft' })).status).toBe(403);
    expect((await post('/api/calls', { flowId: 'billing-support', version: 'draft' })).status).toBe(201);
    expect((await post('/api/simulations', { flowId: 'other-line' })).status).toBe(403);
    // A call read by its id: theirs yes, another flow's no, also once it has ended.
    const mine = (await post('/api/calls', { flowId: 'billing-support', version: 'draft' })).body.callId;
    const notMine = (await api().post('/api/calls').send({ flowId: 'other-line', version: 'draft' }).expect(201)).body.callId;
    expect((await get(`/api/calls/${mine}`)).status).toBe(200);
    expect((await get(`/api/calls/${notMine}`)).status).toBe(403);
    // Nor may they speak in it or listen to what it says.
    const stepped = await post(`/api/calls/${notMine}/turns`, { text: 'hello' });
    expect(stepped.status).toBe(403);
    expect(stepped.body.error.code).toBe('not_your_flow');
    expect((await get(`/api/calls/${notMine}/events`)).status).toBe(403);
    expect((await post(`/api/calls/${mine}/turns`, { text: 'hello' })).status).toBe(200);
    await api().post(`/api/calls/${notMine}/turns`).send({ hangup: true }).expect(200);
    expect((await get(`/api/calls/${notMine}`)).body.error?.code).toBe('not_your_flow');
    // Everyone else still sees every flow.
    expect(((await as('analyst').get('/api/flows')).body as unknown[]).length).toBe(2);
  });

  it('When a supervisor works on the billing flow, then the wallboard shows the queues that flow hands calls to and the agents there, not the others', async () => {
    await as('admin').post('/api/users').send({ name: 'sue', role: 'supervisor', password: 'sues long password', flowIds: ['billing-support'] }).expect(201);
    const sue = await signIn('sue', 'sues long password');
    const theirs = (await anonymous().get('/api/routing/live').set('cookie', sue.cookie).expect(200)).body;
    const all = (await as('admin').get('/api/routing/live').expect(200)).body;
    const ids = (figures: { queues: Array<{ queueId: string }> }) => figures.queues.map((q) => q.queueId).sort();
    expect(ids(theirs)).toEqual(['billing', 'care']);
    expect(ids(all).length).toBeGreaterThan(2);
    // The agents who can take calls in those queues only.
    expect(theirs.agents.length).toBeGreaterThan(0);
    expect(theirs.agents.length).toBeLessThan(all.agents.length);
  });
});
