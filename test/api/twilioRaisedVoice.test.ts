import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { syntheticSpeech } from '../../server/src/telephony/media/syntheticSpeech.ts';
import { twilioStreamMessages } from '../../server/src/telephony/media/testing.ts';
import { billingExample, startTwilioTestServer } from '../../server/src/telephony/twilio/startTwilioTestServer.ts';
import { TwilioTestCaller } from '../../server/src/telephony/twilio/TwilioTestCaller.ts';

const TOKEN = 'test-auth-token-0123456789abcdef';
const NUMBER = '+442071234567';

let server: Awaited<ReturnType<typeof startTwilioTestServer>>;
beforeEach(async () => {
  server = await startTwilioTestServer({ authToken: TOKEN }, [await billingExample()]);
  await server.api(`/api/numbers/${encodeURIComponent(NUMBER)}`, { method: 'PUT', body: { flowId: 'billing-support' } });
});
afterEach(() => server.stop());

describe('a phone caller who raises their voice', () => {
  it('When the audio of a Twilio call shows the caller shouting for two seconds, then their next turn hands the call over as frustration, saying by how much', async () => {
    const caller = new TwilioTestCaller(server.url, TOKEN, '+447700900123', NUMBER);
    const greeting = await caller.dial();
    const stream = greeting.twiml.stream!;
    expect(stream.callSid).toBe(caller.callSid);

    // Twilio streams the caller's audio to the URL the TwiML named: five calm seconds, two raised, one calm.
    const audio = syntheticSpeech([{ seconds: 5, levelDb: -30 }, { seconds: 2, levelDb: -14 }, { seconds: 1, levelDb: -30 }], 7);
    const framesBefore = server.voiceLevels.counts.frames;
    const socket = new WebSocket(stream.url.replace(/^wss:/, 'ws:'));
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    for (const message of twilioStreamMessages(stream.callSid!, audio, undefined, { token: stream.token! })) socket.send(message);
    await expect.poll(() => server.voiceLevels.counts.frames - framesBefore, { timeout: 5000 }).toBe(audio.length / 160);

    await server.api('/api/desk/agents/amara-okafor/status', { method: 'POST', body: { status: 'available' } });
    const turn = await caller.answer(greeting.twiml.gather!.action, { speech: 'why is my bill so high', confidence: 0.9 });
    expect(turn.twiml.says.join(' ')).toMatch(/connecting you to our billing team because I don't seem to be getting this right for you/);
    expect(turn.twiml.enqueue).toMatchObject({ queue: 'billing' });
    socket.close();

    // The agent's briefing says why: the voice, by how much and for how long.
    await expect.poll(async () => {
      const state = (await (await server.api('/api/desk/agents/amara-okafor/state')).json()) as { offers: Array<{ packet: { reason: { signal: string; explanation: string } } }> };
      return state.offers[0]?.packet.reason;
    }, { timeout: 4000 }).toMatchObject({ signal: 'raised_voice', explanation: expect.stringMatching(/raised their voice: voice \d+(\.\d)? dB above the caller's usual level, raised for \d(\.\d)? s/) });
  });
});
