import path from 'node:path';
import pino from 'pino';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedPersonas } from '../../server/src/seedPersonas.ts';
import { seedStaffing } from '../../server/src/seedStaffing.ts';
import { flowsDir, readExample, startTestServer } from './testServer.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeEach(async () => {
  server = await startTestServer();
  await seedStaffing(server.store, path.join(flowsDir, 'staffing'), pino({ level: 'silent' }));
  await seedPersonas(server.store, path.join(flowsDir, 'personas'), pino({ level: 'silent' }));
  await request(server.url).post('/api/flows').send(await readExample('billing-support'));
});
afterEach(() => server.stop());

const api = () => request(server.url);
const webhook = { url: 'https://crm.example.com/baton/handoff', secret: 'a-secret-of-32-letters-and-digits' };
const number = `/api/numbers/${encodeURIComponent('+442071234567')}`;

/** Each settings resource: where it lives, and a change to send over what a GET gave. */
const resources = [
  { what: 'queue', url: '/api/queues/billing', change: (q: Record<string, unknown>) => ({ ...q, name: 'Billing (changed)' }) },
  { what: 'agent', url: '/api/agents/ben-hughes', change: (a: Record<string, unknown>) => ({ ...a, capacity: 2 }) },
  { what: 'persona', url: '/api/personas/calm-regular', change: (p: Record<string, unknown>) => ({ ...p, patienceTurns: 9 }) },
  { what: 'webhook', url: '/api/queues/billing/webhook', change: (w: Record<string, unknown>) => ({ url: w.url, enabled: false }) },
  { what: 'phone number', url: number, change: () => ({ flowId: 'billing-support' }) },
];

describe('editing settings others edit too', () => {
  beforeEach(async () => {
    // A webhook and a number exist only once someone sets them; creating one needs no If-Match.
    expect((await api().put('/api/queues/billing/webhook').send(webhook)).status).toBe(200);
    expect((await api().put(number).send({ flowId: 'billing-support' })).status).toBe(201);
  });

  it.each(resources)('When a $what is read and saved, then it carries an ETag, a save needs If-Match (428 without, 412 when stale) and each save moves the version on', async ({ url, change }) => {
    const read = await api().get(url).expect(200);
    const etag = read.headers.etag as string;
    expect(etag).toBe(`"${read.body.version}"`);

    const without = await api().put(url).send(change(read.body));
    expect(without.status).toBe(428);
    expect(without.body.error.code).toBe('if_match_required');

    const saved = await api().put(url).set('If-Match', etag).send(change(read.body)).expect(200);
    expect(saved.headers.etag).toBe(`"${read.body.version + 1}"`);
    expect(saved.body.version).toBe(read.body.version + 1);

    const stale = await api().put(url).set('If-Match', etag).send(change(read.body));
    expect(stale.status).toBe(412);
    expect(stale.body.error).toMatchObject({ code: 'version_mismatch', message: expect.stringContaining('changed by someone else') });
    expect((await api().get(url)).body).toEqual(saved.body);
  });

  it('When 20 clients edit one queue at once with If-Match, then every acknowledged change is kept and the others got 412', async () => {
    const statuses: number[] = [];
    const acknowledged: string[] = [];
    async function addHoliday(day: string) {
      // Like a person: read, change, save; on a conflict read again and make the change again.
      for (let attempt = 0; attempt < 100; attempt++) {
        const read = await api().get('/api/queues/billing');
        const queue = read.body as { businessHours: { holidays: string[] } };
        const businessHours = { ...queue.businessHours, holidays: [...queue.businessHours.holidays, day] };
        const res = await api().put('/api/queues/billing').set('If-Match', read.headers.etag as string).send({ ...queue, businessHours });
        statuses.push(res.status);
        if (res.status === 200) return acknowledged.push(day);
      }
    }
    const before = (await api().get('/api/queues/billing')).body as { version: number };
    await Promise.all(Array.from({ length: 20 }, (_, i) => addHoliday(`2027-12-${String(i + 1).padStart(2, '0')}`)));

    const after = (await api().get('/api/queues/billing')).body as { version: number; businessHours: { holidays: string[] } };
    expect(new Set(statuses)).toEqual(new Set([200, 412]));
    expect(acknowledged.length).toBe(20);
    expect(after.businessHours.holidays).toEqual(expect.arrayContaining(acknowledged));
    expect(after.version).toBe(before.version + 20);
  });

  it('When a persona, a webhook or a number is new, then it is created without If-Match; with If-None-Match: * a second create is refused', async () => {
    const calm = (await api().get('/api/personas/calm-regular')).body;
    expect((await api().put('/api/personas/night-owl').set('If-None-Match', '*').send({ ...calm, id: undefined, name: 'Night owl' })).status).toBe(201);
    expect((await api().put('/api/personas/night-owl').set('If-None-Match', '*').send({ ...calm, id: undefined, name: 'Night owl' })).status).toBe(412);
    const other = `/api/numbers/${encodeURIComponent('+442071234568')}`;
    const created = await api().put(other).send({ flowId: 'billing-support' });
    expect(created.status).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    expect((await api().put('/api/queues/care/webhook').send(webhook)).status).toBe(200);
  });
});
