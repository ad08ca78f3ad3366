import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLoopbackServer } from '../../server/src/testing/loopbackServer.ts';
import { openEventStream } from './eventStream.ts';
import { readExample, seedOpenQueues } from './testServer.ts';

let server: Awaited<ReturnType<typeof startLoopbackServer>>;
const streams: AbortController[] = [];
beforeEach(async () => {
  // Offers run out after a second, so a missed offer takes a second rather than twenty.
  server = await startLoopbackServer({ seed: seedOpenQueues, offerTimeoutSeconds: 1 });
  await server.api('/api/flows', { method: 'POST', body: await readExample('billing-support') });
});
afterEach(async () => {
  for (const s of streams.splice(0)) s.abort();
  await server.stop();
});

const post = (path: string, body?: unknown) => server.api(path, { method: 'POST', body });
const json = async (res: Response) => (await res.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
/** The words a call's stream update says. */
const said = (update: { data: Record<string, any> }) => (update.data.actions as Array<{ type: string; text?: string }>).flatMap((a) => (a.type === 'say' ? [a.text] : [])); // eslint-disable-line @typescript-eslint/no-explicit-any

describe('A missed offer', () => {
  it('When the only agent misses the offer and later sets Available again, then the caller is offered a call back meanwhile, the waiting call is offered to the agent again, and the caller gets through once they accept', async () => {
    await post('/api/desk/agents/amara-okafor/status', { status: 'available' });
    const desk = await openEventStream(`${server.url}/api/desk/agents/amara-okafor/events`, streams);
    const { callId } = await json(await post('/api/calls', { flowId: 'billing-support', caller: { name: 'Ada' } }));
    expect((await json(await post(`/api/calls/${callId}/turns`, { text: 'let me talk to a real person' }))).state.status).toBe('queued');
    const caller = await openEventStream(`${server.url}/api/calls/${callId}/events`, streams);

    const first = (await desk.next('offer_made')).data;
    expect((await desk.next('offer_expired')).data).toMatchObject({ offerId: first.offerId, callId });
    // The desk is told why the agent is away, and the state a reloaded desk reads says so too.
    expect((await desk.next('agent_status_changed')).data).toMatchObject({ status: 'away', reason: 'missed_offer' });
    const away = await json(await server.api('/api/desk/agents/amara-okafor/state'));
    expect(away).toMatchObject({ status: 'away', statusReason: 'missed_offer', offers: [] });
    // With nobody signed in no wait can be promised: the caller is offered a call back, not "less than a minute".
    const meanwhile = await caller.next('update');
    expect(said(meanwhile).join(' ')).toMatch(/The wait is longer than we'd like\. If you'd rather we call you back, press 1/);
    expect(meanwhile.data.state.status).toBe('queued');

    await post('/api/desk/agents/amara-okafor/status', { status: 'available' });
    const again = (await desk.next('offer_made')).data;
    expect(again).toMatchObject({ callId, agentId: 'amara-okafor' });
    expect(again.offerId).not.toBe(first.offerId);
    expect((await json(await server.api('/api/desk/agents/amara-okafor/state'))).statusReason).toBeUndefined();

    const accepted = await post(`/api/desk/offers/${encodeURIComponent(again.offerId)}/accept`);
    expect(accepted.status).toBe(200);
    const through = await caller.next('update');
    expect(said(through)).toEqual(["You're through to Amara, who has the details of your call."]);
    expect(through.data.state.status).toBe('agent');
    expect((await json(await server.api(`/api/calls/${callId}`))).state.status).toBe('agent');
  });
});
