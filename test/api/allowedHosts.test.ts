import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { startLoopbackServer } from '../../server/src/testing/loopbackServer.ts';

let server: Awaited<ReturnType<typeof startLoopbackServer>> | undefined;
afterEach(async () => server?.stop());

describe('The host names Baton answers to', () => {
  it('When BATON_PUBLIC_URL names the host, then a request for another name is refused (a rebound DNS name cannot reach it), while the name itself, this machine and the health checks are answered', async () => {
    server = await startLoopbackServer({ allowedHosts: ['baton.example.com'] });
    const refused = await request(server.url).get('/api/flows').set('Host', 'attacker.example');
    expect(refused.status).toBe(421);
    expect(refused.body.error).toMatchObject({ code: 'host_not_allowed', message: expect.stringMatching(/Baton answers to baton\.example\.com, not "attacker\.example"/) });
    expect((await request(server.url).post('/api/calls').set('Host', 'attacker.example').send({ flowId: 'x' })).status).toBe(421);
    expect((await request(server.url).get('/api/flows').set('Host', 'baton.example.com')).status).toBe(200);
    expect((await request(server.url).get('/api/flows')).status).toBe(200); // 127.0.0.1:port
    expect((await request(server.url).get('/readyz').set('Host', '10.0.0.5:3000')).status).toBe(200);
  });

  it('When no host is set, then any name is served (one machine on a trusted network)', async () => {
    server = await startLoopbackServer();
    expect((await request(server.url).get('/api/flows').set('Host', 'baton-host:3000')).status).toBe(200);
  });
});
