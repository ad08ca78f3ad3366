import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { useBillingServer } from './testServer.ts';
import { authHeaders } from '../../server/src/testing/credentials.ts';

// Another web site open in the admin's browser cannot make Baton change anything: a cross-site form or script is
// refused, while Baton's own pages and programs (no Origin) go on as before.

const billing = useBillingServer();
const { api } = billing;

describe('Changes from other web sites', () => {
  it('When another site posts a bodiless publish from the admin\'s browser, then it is refused with 403 saying where it came from, and nothing is published', async () => {
    const refused = await api().post('/api/flows/billing-support/publish').set('Origin', 'https://evil.example').set('Sec-Fetch-Site', 'cross-site');
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'cross_site_request', message: expect.stringMatching(/came from https:\/\/evil\.example/) });
    // An older browser that sends only the Origin is refused too.
    expect((await api().post('/api/flows/billing-support/publish').set('Origin', 'https://evil.example')).status).toBe(403);
    expect((await api().delete('/api/flows/billing-support').set('Origin', 'null')).status).toBe(403);
    expect((await api().get('/api/flows/billing-support')).body.publishedVersion ?? null).toBeNull();
    expect((await api().get('/api/flows/billing-support/versions').expect(200)).body).toEqual([]);
  });

  it("When Baton's own page or a program makes the change, then it goes through", async () => {
    const own = new URL(billing.server.url).host;
    expect((await api().post('/api/flows/billing-support/publish').set('Origin', `http://${own}`).set('Sec-Fetch-Site', 'same-origin')).status).toBe(200);
    // Behind a proxy that passes the host the browser asked for.
    expect((await api().post('/api/flows/billing-support/publish').set('Origin', 'https://baton.example.com').set('X-Forwarded-Host', 'baton.example.com')).status).toBe(200);
    // A program sends no Origin; reading from anywhere is fine.
    expect((await api().post('/api/flows/billing-support/publish')).status).toBe(200);
    expect((await api().get('/api/flows').set('Origin', 'https://evil.example')).status).toBe(200);
  });

  it('When a caller turn comes from another site, then it is refused too', async () => {
    const { callId } = (await api().post('/api/calls').send({ flowId: 'billing-support' }).expect(201)).body;
    expect((await api().post(`/api/calls/${callId}/turns`).set('Origin', 'https://evil.example').send({ text: 'hello' })).status).toBe(403);
  });

  it('When a page on another site opens the call WebSocket, then the connection is refused, while Baton\'s own page and programs connect', async () => {
    const url = `${billing.server.url.replace('http', 'ws')}/api/calls/ws`;
    const outcome = (headers: Record<string, string>) =>
      new Promise<string>((resolve) => {
        const socket = new WebSocket(url, { headers: { ...authHeaders(url), ...headers } });
        socket.once('open', () => {
          socket.close();
          resolve('open');
        });
        socket.once('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
        socket.once('error', () => resolve('error'));
      });
    expect(await outcome({ Origin: 'https://evil.example' })).toBe('403');
    expect(await outcome({ Origin: `http://${new URL(billing.server.url).host}` })).toBe('open');
    expect(await outcome({})).toBe('open');
  });
});
