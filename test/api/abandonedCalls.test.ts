import { afterEach, describe, expect, it } from 'vitest';
import { smallFlow } from '../../shared/src/testing/smallFlow.ts';
import { startLoopbackServer } from '../../server/src/testing/loopbackServer.ts';

let server: Awaited<ReturnType<typeof startLoopbackServer>> | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const json = async (res: Response) => (await res.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Callers who go away without hanging up', () => {
  it('When a caller sends nothing for the idle time, then the call is ended as left and makes room, while a caller who keeps talking goes on', async () => {
    // Two calls at most, and a caller silent for a second counts as gone (30 minutes unless set).
    server = await startLoopbackServer({ maxLiveCalls: 2, callIdleSeconds: 1 });
    const s = server;
    expect((await s.api('/api/flows', { method: 'POST', body: smallFlow() })).status).toBe(201);
    const start = () => s.api('/api/calls', { method: 'POST', body: { flowId: 'small' } });
    const turn = (callId: string, body: unknown) => s.api(`/api/calls/${callId}/turns`, { method: 'POST', body });
    const gone = (await json(await start())).callId as string;
    const talking = (await json(await start())).callId as string;
    expect((await start()).status).toBe(503);

    // The one caller keeps talking; the other closed their window long ago.
    let ended = false;
    for (let i = 0; i < 40 && !ended; i++) {
      expect((await turn(talking, { text: 'hello there' })).status).toBe(200);
      await sleep(250);
      ended = (await json(await s.api(`/api/calls/${gone}`))).state.status === 'ended';
    }
    expect(ended).toBe(true);
    const record = await json(await s.api(`/api/calls/${gone}`));
    expect(record.disposition).toBe('abandoned');
    expect(record.events.at(-1)).toMatchObject({ event: { type: 'hangup', idle: true } });
    expect((await turn(gone, { text: 'hello?' })).status).toBe(409);

    expect((await turn(talking, { text: 'what is my balance' })).status).toBe(200);
    expect((await start()).status).toBe(201);
  });
});
