import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pino from 'pino';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedStaffing } from '../../server/src/seedStaffing.ts';
import { flowsDir, readExample, startTestServer } from './testServer.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeEach(async () => {
  server = await startTestServer();
  await seedStaffing(server.store, path.join(flowsDir, 'staffing'), pino({ level: 'silent' }));
});
afterEach(() => server.stop());

const api = () => request(server.url);
const disk = async () => JSON.parse(await readFile(path.join(server.dataDir, 'baton.json'), 'utf8'));
const webhook = { url: 'https://crm.example.com/baton/handoff', secret: 'a-secret-of-32-letters-and-digits' };

describe('queues and agents API', () => {
  it('When the example staffing is loaded, then every queue the example flows use exists and agents have skills', async () => {
    const used = new Set<string>();
    for (const id of ['billing-support', 'card-services', 'tech-support']) for (const q of (await readExample(id)).settings.queues) used.add(q.id);
    const queues = (await api().get('/api/queues')).body as Array<{ id: string; businessHours: { timeZone: string; weekly: { sat: unknown[] } } }>;
    expect(queues.map((q) => q.id).sort()).toEqual([...used].sort());
    expect(queues[0]!.businessHours).toMatchObject({ timeZone: 'Europe/London', weekly: { sat: [{ open: '09:00', close: '13:00' }] } });
    const agents = (await api().get('/api/agents')).body as Array<{ skills: unknown[] }>;
    expect(agents.length).toBe(8);
    expect(agents.every((a) => a.skills.length > 0)).toBe(true);
  });

  it('When a queue is created, changed and deleted, then each answer says so and the file on disk follows', async () => {
    const billing = (await api().get('/api/queues/billing')).body;
    const created = await api().post('/api/queues').send({ ...billing, id: 'collections', name: 'Collections' });
    expect(created.status).toBe(201);
    expect((await api().post('/api/queues').send({ ...billing, id: 'collections' })).status).toBe(409);
    const changed = await api().put('/api/queues/collections').set('If-Match', created.headers.etag).send({ ...billing, id: undefined, name: 'Collections', requiredSkills: ['billing', 'debt'] });
    expect(changed.status).toBe(200);
    expect((await disk()).queues.collections.requiredSkills).toEqual(['billing', 'debt']);
    expect((await api().delete('/api/queues/collections')).status).toBe(204);
    expect((await api().get('/api/queues/collections')).status).toBe(404);
    expect((await api().put('/api/queues/collections').set('If-Match', changed.headers.etag).send({ ...billing, id: undefined })).status).toBe(404);
    expect((await api().delete('/api/queues/collections')).status).toBe(404);
    expect((await disk()).queues.collections).toBeUndefined();
  });

  it('When a queue closes before it opens, then it is refused naming the field and the stored queue is unchanged', async () => {
    const billing = (await api().get('/api/queues/billing')).body;
    const bad = { ...billing, businessHours: { ...billing.businessHours, weekly: { ...billing.businessHours.weekly, sat: [{ open: '13:00', close: '09:00' }] } } };
    const res = await api().put('/api/queues/billing').set('If-Match', `"${billing.version}"`).send(bad);
    expect(res.status).toBe(422);
    expect(res.body.error.issues).toContainEqual(expect.objectContaining({ path: 'businessHours.weekly.sat.0.close' }));
    expect((await api().get('/api/queues/billing')).body).toEqual(billing);
    expect((await disk()).queues.billing).toEqual(billing);
  });

  it('When an agent gets a skill, then it is stored; a proficiency of 6 or a duplicate id is refused', async () => {
    const ben = (await api().get('/api/agents/ben-hughes')).body;
    const res = await api().put('/api/agents/ben-hughes').set('If-Match', `"${ben.version}"`).send({ ...ben, skills: [...ben.skills, { skill: 'fraud', proficiency: 4 }] });
    expect(res.status).toBe(200);
    expect((await disk()).agents['ben-hughes'].skills).toContainEqual({ skill: 'fraud', proficiency: 4 });
    const tooGood = await api().put('/api/agents/ben-hughes').set('If-Match', res.headers.etag).send({ ...ben, skills: [{ skill: 'fraud', proficiency: 6 }] });
    expect(tooGood.status).toBe(422);
    expect(tooGood.body.error.issues[0].path).toBe('skills.0.proficiency');
    expect((await api().post('/api/agents').send(ben)).status).toBe(409);
    expect((await api().post('/api/agents').send({ id: 'new-starter', name: 'New Starter' })).body).toEqual({ id: 'new-starter', name: 'New Starter', skills: [], capacity: 1, version: 1 });
    expect((await api().delete('/api/agents/new-starter')).status).toBe(204);
    expect((await api().get('/api/agents/nobody')).status).toBe(404);
  });

  it('When a webhook is set, then the secret is never sent back, and it is kept when a later save leaves it out', async () => {
    expect((await api().get('/api/queues/billing/webhook')).status).toBe(404);
    const saved = await api().put('/api/queues/billing/webhook').send(webhook);
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ url: webhook.url, enabled: true, allowPrivateNetwork: false, secretSet: true, version: 1 });
    const off = await api().put('/api/queues/billing/webhook').set('If-Match', saved.headers.etag).send({ url: webhook.url, enabled: false });
    expect(off.body).toEqual({ url: webhook.url, enabled: false, allowPrivateNetwork: false, secretSet: true, version: 2 });
    expect(JSON.stringify((await api().get('/api/queues/billing/webhook')).body)).not.toContain(webhook.secret);
    expect((await disk()).webhooks.billing.secret).toBe(webhook.secret);
  });

  it('When someone changes a webhook\'s address without typing the secret again, then it is refused naming the secret, and the stored webhook still points where it did', async () => {
    const saved = await api().put('/api/queues/billing/webhook').send(webhook).expect(200);
    const moved = await api().put('/api/queues/billing/webhook').set('If-Match', saved.headers.etag).send({ url: 'https://attacker.example.net/collect', enabled: true });
    expect(moved.status).toBe(422);
    expect(moved.body.error.issues).toEqual([{ path: 'secret', message: expect.stringMatching(/Type the secret again: the address changed/) }]);
    expect((await disk()).webhooks.billing).toMatchObject({ url: webhook.url, secret: webhook.secret });
    const lookupMoved = await api().put('/api/queues/billing/webhook').set('If-Match', saved.headers.etag).send({ url: webhook.url, lookupUrl: 'https://attacker.example.net/lookup', enabled: true });
    expect(lookupMoved.status).toBe(422);
    // With the secret typed again, the new address is taken.
    const retyped = await api().put('/api/queues/billing/webhook').set('If-Match', saved.headers.etag).send({ url: 'https://crm2.example.com/baton/handoff', secret: webhook.secret, enabled: true });
    expect(retyped.status).toBe(200);
    expect(retyped.body).toMatchObject({ url: 'https://crm2.example.com/baton/handoff', secretSet: true });
  });

  it('When a webhook points at this server without allowing private networks, then it is refused saying why, and allowed once the admin says so', async () => {
    const loopback = { ...webhook, url: 'http://127.0.0.1:9/hook' };
    const refused = await api().put('/api/queues/care/webhook').send(loopback);
    expect(refused.status).toBe(422);
    expect(refused.body.error.issues[0]).toMatchObject({ path: 'url', message: expect.stringContaining('loopback') });
    expect((await disk()).webhooks.care).toBeUndefined();
    const noSecret = await api().put('/api/queues/care/webhook').send({ url: webhook.url });
    expect(noSecret.body.error.issues[0]).toMatchObject({ path: 'secret', message: expect.stringContaining('at least 16 characters') });
    expect((await api().put('/api/queues/care/webhook').send({ ...loopback, allowPrivateNetwork: true })).status).toBe(200);
    expect((await api().put('/api/queues/nowhere/webhook').send(webhook)).status).toBe(404);
  });

  it('When a queue is deleted, then its webhook goes with it', async () => {
    await api().put('/api/queues/fraud/webhook').send(webhook);
    await api().delete('/api/queues/fraud');
    expect((await disk()).webhooks.fraud).toBeUndefined();
  });
});
