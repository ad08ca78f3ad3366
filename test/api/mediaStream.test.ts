import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { syntheticSpeech, type Passage } from '../../server/src/telephony/media/syntheticSpeech.ts';
import { twilioStreamMessages } from '../../server/src/telephony/media/testing.ts';
import { readExample, seedOpenQueues } from './testServer.ts';
import { startLoopbackServer } from '../../server/src/testing/loopbackServer.ts';
import { streamToken } from '../../server/src/telephony/media/streamToken.ts';

// Baton takes a stream's audio only for calls it started a stream for: the token its TwiML gave the stream.
const AUTH_TOKEN = 'media-test-auth-token';
let server: Awaited<ReturnType<typeof startLoopbackServer>>;
beforeEach(async () => {
  server = await startLoopbackServer({ seed: seedOpenQueues, twilio: { authToken: AUTH_TOKEN } });
  await request(server.url).post('/api/flows').send(await readExample('billing-support'));
});
afterEach(() => server.stop());

/** Streams the caller's audio as Twilio does, and waits until the server has measured all of it. */
async function streamCall(callSid: string, passages: Passage[], seed: number) {
  const audio = syntheticSpeech(passages, seed);
  const framesBefore = server.voiceLevels.counts.frames;
  const socket = new WebSocket(`${server.url.replace('http', 'ws')}/twilio/media`);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  for (const message of twilioStreamMessages(callSid, audio, undefined, { token: streamToken(AUTH_TOKEN, callSid) })) socket.send(message);
  socket.close();
  await expect.poll(() => server.voiceLevels.counts.frames - framesBefore, { timeout: 5000 }).toBe(audio.length / 160);
}

const startCall = async () => (await request(server.url).post('/api/calls').send({ flowId: 'billing-support' })).body.callId as string;
const say = (callId: string, body: object) => request(server.url).post(`/api/calls/${callId}/turns?signals=true`).send(body);

describe('Twilio media stream', () => {
  it('When the caller raises their voice for 2 s, then the turn carries raised evidence and the call goes to a person as frustrated', async () => {
    await streamCall('CA0000000000000000000000000000a001', [{ seconds: 5, levelDb: -30 }, { seconds: 2, levelDb: -15 }, { seconds: 1, levelDb: -30 }], 1);
    const voice = server.voiceLevels.take('CA0000000000000000000000000000a001');
    expect(voice).toMatchObject({ raised: true });
    expect(voice!.peakDeltaDb).toBeGreaterThan(12);

    const res = await say(await startCall(), { text: 'what is my balance', voice });
    expect(res.status).toBe(200);
    expect(res.body.handoff).toMatchObject({ category: 'frustration', signal: 'raised_voice', triggerId: 'trigger_frustrated' });
    expect(res.body.handoff.explanation).toMatch(/raised their voice: voice \d+(\.\d)? dB above the caller's usual level, raised for \d(\.\d)? s \(threshold 12 dB\)/);
    expect(res.body.signals.loudness.deltaDb).toBe(voice!.peakDeltaDb);
  });

  it('When the caller speaks at their normal level, then the voice is not raised and the call stays with the AI', async () => {
    await streamCall('CA0000000000000000000000000000a002', [{ seconds: 9, levelDb: -30 }], 2);
    const voice = server.voiceLevels.take('CA0000000000000000000000000000a002');
    expect(voice).toMatchObject({ raised: false, sustainedMs: 0 });
    const res = await say(await startCall(), { text: 'what is my balance', voice });
    expect(res.body.handoff).toBeUndefined();
    expect(res.body.state.status).toBe('ai');
  });

  it('When a caller whose normal voice is loud speaks normally, then the voice is not raised', async () => {
    await streamCall('CA0000000000000000000000000000a003', [{ seconds: 9, levelDb: -12 }], 3);
    expect(server.voiceLevels.take('CA0000000000000000000000000000a003')).toMatchObject({ raised: false, sustainedMs: 0 });
  });

  it('When a turn says the voice was raised for 2 s at 15 dB, then the frustration trigger fires and names the evidence', async () => {
    const res = await say(await startCall(), { text: 'what is my balance', voice: { raised: true, peakDeltaDb: 15, sustainedMs: 2000, baselineDb: -30 } });
    expect(res.body.handoff).toMatchObject({ category: 'frustration', signal: 'raised_voice' });
    expect(res.body.handoff.explanation).toBe("The caller raised their voice: voice 15 dB above the caller's usual level, raised for 2 s (threshold 12 dB).");
  });

  it('When a turn says the voice peaked above the threshold but did not stay up, then no trigger fires', async () => {
    const res = await say(await startCall(), { text: 'what is my balance', voice: { raised: false, peakDeltaDb: 12, sustainedMs: 400, baselineDb: -30 } });
    expect(res.body.handoff).toBeUndefined();
  });

  it('When a turn carries malformed voice evidence, then it is a 400 naming the field', async () => {
    const res = await say(await startCall(), { text: 'hello', voice: { raised: 'yes', peakDeltaDb: 10, sustainedMs: 2000, baselineDb: -30 } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/voice\.raised/);
  });

  it('When a media socket sends a frame far bigger than any of Twilio\'s, then it is closed with 1009 before the frame is read', async () => {
    const socket = new WebSocket(`${server.url.replace('http', 'ws')}/twilio/media`);
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', resolve));
    socket.on('error', () => undefined);
    const ignoredBefore = server.voiceLevels.counts.ignoredMessages;
    socket.send(JSON.stringify({ event: 'media', streamSid: 'MZ1', media: { payload: 'A'.repeat(64 * 1024) } }));
    expect(await closed).toBe(1009);
    expect(server.voiceLevels.counts.ignoredMessages).toBe(ignoredBefore);
  });

  it('When a socket sends garbage or opens a path that is not served, then the server counts it and carries on', async () => {
    const socket = new WebSocket(`${server.url.replace('http', 'ws')}/twilio/media`);
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send('not json');
    socket.send(JSON.stringify({ event: 'media', streamSid: 'MZ1', media: { payload: 'AAAA' } }));
    await expect.poll(() => server.voiceLevels.counts.ignoredMessages).toBe(2);
    socket.close();
    const stray = new WebSocket(`${server.url.replace('http', 'ws')}/twilio/elsewhere`);
    await expect(new Promise((resolve, reject) => stray.once('open', resolve).once('error', reject))).rejects.toThrow();
  });

  it('When a stream arrives that Baton did not start (no token, or the token of another call), then it is closed with 1008 and none of its audio is taken', async () => {
    const refusedBefore = server.voiceLevels.counts.refusedStreams;
    for (const token of [undefined, streamToken(AUTH_TOKEN, 'CA00000000000000000000000000000other')]) {
      const socket = new WebSocket(`${server.url.replace('http', 'ws')}/twilio/media`);
      await new Promise((resolve) => socket.once('open', resolve));
      const closed = new Promise<number>((resolve) => socket.once('close', resolve));
      const [connected, start] = twilioStreamMessages('CA0000000000000000000000000000a009', syntheticSpeech([{ seconds: 1, levelDb: -30 }], 3), undefined, token ? { token } : {});
      socket.send(connected);
      socket.send(start);
      expect(await closed).toBe(1008);
    }
    expect(server.voiceLevels.counts.refusedStreams - refusedBefore).toBe(2);
    expect(server.voiceLevels.take('CA0000000000000000000000000000a009')).toBeUndefined();
  });
});
