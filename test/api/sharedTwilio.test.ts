import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { syntheticSpeech } from '../../server/src/telephony/media/syntheticSpeech.ts';
import { twilioStreamMessages } from '../../server/src/telephony/media/testing.ts';
import { RedisCalls } from '../../server/src/store/RedisCalls.ts';
import { RedisRoutingLog } from '../../server/src/store/RedisRoutingLog.ts';
import { billingExample, startTwilioTestServer } from '../../server/src/telephony/twilio/startTwilioTestServer.ts';
import { TwilioTestCaller } from '../../server/src/telephony/twilio/TwilioTestCaller.ts';
import { startRedis, type RunningRedis } from '../services/redis.ts';
import { openEventStream } from './eventStream.ts';

// A phone call whose Twilio webhooks land on two Baton instances in turn (one Redis), as behind a load balancer.

const TOKEN = 'test-auth-token-0123456789abcdef';
const NUMBER = '+442071234567';
/** The address Twilio calls (the balancer's); each instance checks signatures against it. */
const PUBLIC_URL = 'https://baton.example.com';

type Instance = Awaited<ReturnType<typeof startTwilioTestServer>>;
let redis: RunningRedis;
let instances: Instance[] = [];
const closers: Array<() => Promise<void>> = [];
const streams: AbortController[] = [];

beforeAll(async () => {
  redis = await startRedis();
}, 120_000);
afterAll(() => redis?.stop());

beforeEach(async () => {
  await redis.flush();
  const billing = await billingExample((flow) => Object.assign(flow.nodes.find((n) => n.id === 'transfer_billing')!.data, { updateEverySeconds: 1 }));
  for (let i = 0; i < 2; i++) {
    const shared = await RedisCalls.connect(redis.url);
    const routingLog = await RedisRoutingLog.connect(redis.url, shared.instanceId);
    const server = await startTwilioTestServer({ authToken: TOKEN, publicUrl: PUBLIC_URL }, [billing], undefined, { sharedCalls: shared, routingLog });
    expect((await server.api(`/api/numbers/${encodeURIComponent(NUMBER)}`, { method: 'PUT', body: { flowId: 'billing-support' } })).status).toBe(201);
    instances.push(server);
    closers.push(() => Promise.all([shared.close(), routingLog.close()]).then(() => undefined));
  }
});
afterEach(async () => {
  for (const s of streams.splice(0)) s.abort();
  await Promise.all(instances.map((s) => s.stop()));
  await Promise.all(closers.splice(0).map((close) => close()));
  instances = [];
});

describe('a phone call across instances', () => {
  it('When each of a caller\'s webhooks lands on another instance, then the call goes on as on one: Twilio\'s retry gets the same answer, the wait and the agent\'s words are heard once, and the final status ends the call', async () => {
    const [a, b] = instances;
    await a.api('/api/desk/agents/amara-okafor/status', { method: 'POST', body: { status: 'available' } });
    const desk = await openEventStream(`${a.url}/api/desk/agents/amara-okafor/events`, streams);
    const onA = new TwilioTestCaller(a.url, TOKEN, '+447700900123', NUMBER, PUBLIC_URL);
    const onB = onA.through(b.url);

    const greeting = await onA.dial();
    expect(greeting.twiml.says.at(-1)).toBe('How can I help with your bill today?');
    // Twilio retries the new-call webhook, and the retry lands on the other instance: the same answer, no second call.
    expect((await onB.dial()).body).toBe(greeting.body);
    const refund = await onB.answer(greeting.twiml.gather!.action, { speech: 'I want a refund' });
    expect(refund.twiml.says).toEqual(['I can help with that. How much should be refunded?']);
    const person = await onA.answer(refund.twiml.gather!.action, { speech: 'let me talk to a real person' });
    expect(person.twiml.enqueue).toMatchObject({ queue: 'billing' });
    expect((await onB.answer(refund.twiml.gather!.action, { speech: 'let me talk to a real person' })).body).toBe(person.body);

    const offer = (await desk.next('offer_made')).data;
    const callId = offer.callId as string;
    // Waiting: the updates are heard once, whichever instance each round of the wait lands on.
    let url = person.twiml.enqueue!.waitUrl;
    const heard: string[] = [];
    for (let i = 0; heard.length === 0 && i < 40; i++) {
      const { twiml } = await (i % 2 ? onA : onB).post(url, { QueuePosition: '1', QueueTime: String(i) });
      heard.push(...twiml.says);
      url = twiml.redirect!;
      await new Promise((r) => setTimeout(r, 150));
    }
    expect(heard.join(' ')).toMatch(/Thanks for waiting/);
    expect(heard.filter((s) => /Thanks for waiting/.test(s))).toHaveLength(1);

    expect((await b.api(`/api/desk/offers/${encodeURIComponent(offer.offerId)}/accept`, { method: 'POST' })).status).toBe(200);
    let left = false;
    for (let i = 0; !left && i < 40; i++) {
      const { twiml } = await (i % 2 ? onB : onA).post(url, { QueuePosition: '1', QueueTime: '9' });
      left = twiml.leave;
      url = twiml.redirect ?? url;
      if (!left) await new Promise((r) => setTimeout(r, 150));
    }
    expect(left).toBe(true);
    const through = await onB.post(person.twiml.enqueue!.action, { QueueResult: 'leave' });
    expect(through.twiml.says).toEqual(["You're through to Amara, who has the details of your call."]);

    const hello = await onA.answer(through.twiml.gather!.action, { speech: 'hello is anyone there' });
    expect((await desk.next('caller_said')).data).toMatchObject({ callId, text: 'hello is anyone there' });
    await a.api(`/api/desk/calls/${callId}/messages`, { method: 'POST', body: { agentId: 'amara-okafor', text: 'Hi, Amara here. I can see the refund.' } });
    const agentWords = await onB.answer(hello.twiml.gather!.action, {});
    expect(agentWords.twiml.says).toEqual(['Hi, Amara here. I can see the refund.']);
    const quiet = await onA.answer(agentWords.twiml.gather!.action, {});
    expect(quiet.twiml.says).toEqual([]);

    expect((await onB.hangUp()).status).toBe(204);
    const record = (await a.api(`/api/calls/${callId}`).then((r) => r.json())) as { state: { status: string } };
    expect(record.state.status).toBe('ended');
  });

  it('When the caller\'s audio streams to one instance and their next words reach another, then the turn still hears the raised voice, and no second stream is started', async () => {
    const [a, b] = instances;
    const onA = new TwilioTestCaller(a.url, TOKEN, '+447700900124', NUMBER, PUBLIC_URL);
    const greeting = await onA.dial();
    // Twilio streams the caller's audio to instance A (where the balancer sent the stream): calm, then shouting.
    const audio = syntheticSpeech([{ seconds: 5, levelDb: -30 }, { seconds: 2, levelDb: -14 }, { seconds: 1, levelDb: -30 }], 7);
    const socket = new WebSocket(`${a.url.replace(/^http/, 'ws')}/twilio/media`);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const framesBefore = a.voiceLevels.counts.frames;
    // Still streaming when the words arrive (no `stop` yet: the call goes on).
    for (const message of twilioStreamMessages(onA.callSid, audio, undefined, { token: greeting.twiml.stream!.token! }).slice(0, -1)) socket.send(message);
    await expect.poll(() => a.voiceLevels.counts.frames - framesBefore, { timeout: 5000 }).toBe(audio.length / 160);

    // The caller's next words reach instance B: it asks A for the turn's voice, and hands over for it.
    const turn = await onA.through(b.url).answer(greeting.twiml.gather!.action, { speech: 'why is my bill so high', confidence: 0.9 });
    expect(turn.twiml.says.join(' ')).toMatch(/our billing team because I don't seem to be getting this right for you/);
    expect(turn.twiml.stream).toBeUndefined();
    socket.close();
    await onA.through(b.url).hangUp();
  });
});
