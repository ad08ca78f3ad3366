import { EventEmitter } from 'node:events';
import type { WebSocket } from 'ws';
import { describe, expect, it } from 'vitest';
import { syntheticSpeech } from './syntheticSpeech.ts';
import { twilioStreamMessages } from './testing.ts';
import { VoiceLevels } from './VoiceLevels.ts';

/** Stands in for a `ws` socket: the handler only listens to it and may close it. */
class FakeSocket extends EventEmitter {
  closed: { code: number; reason: string } | null = null;
  send(text: string) {
    this.emit('message', Buffer.from(text), false);
  }
  close(code: number, reason: string) {
    this.closed = { code, reason };
    this.emit('close');
  }
}

function connect(levels: VoiceLevels) {
  const socket = new FakeSocket();
  levels.socketHandler(socket as unknown as WebSocket);
  return socket;
}

const normalThenRaised = syntheticSpeech([{ seconds: 5, levelDb: -30 }, { seconds: 3, levelDb: -20 }], 4);

describe('VoiceLevels', () => {
  it('When a stream carries a raised passage, then taking the call SID gives raised evidence, once', () => {
    const levels = new VoiceLevels();
    const socket = connect(levels);
    for (const m of twilioStreamMessages('CA01', normalThenRaised)) socket.send(m);
    expect(levels.take('CA01')).toMatchObject({ raised: true });
    expect(levels.take('CA01')).toBeUndefined();
    expect(levels.counts).toMatchObject({ streams: 1, frames: normalThenRaised.length / 160, ignoredMessages: 0 });
  });

  it('When messages are bad JSON, unknown events or media before the start, then they are ignored and counted', () => {
    const levels = new VoiceLevels();
    const socket = connect(levels);
    const [connected, start, media] = twilioStreamMessages('CA02', normalThenRaised);
    socket.send(connected);
    socket.send(media);
    socket.send('{not json');
    socket.send(JSON.stringify({ event: 'sing' }));
    socket.emit('message', Buffer.from([1, 2, 3]), true);
    socket.send(start);
    socket.send(start);
    expect(levels.counts).toMatchObject({ streams: 1, ignoredMessages: 5 });
    expect(socket.closed).toBeNull();
  });

  it('When the meters are at their cap, then ended ones make room and a stream beyond live ones is refused', () => {
    let now = 0;
    const levels = new VoiceLevels({ maxMeters: 2, keepEndedMs: 1000, now: () => now });
    const start = (sid: string) => {
      const socket = connect(levels);
      socket.send(twilioStreamMessages(sid, new Uint8Array(0))[1]);
      return socket;
    };
    const first = start('CA01');
    start('CA02');
    expect(start('CA03').closed?.code).toBe(1013);
    first.emit('close');
    expect(start('CA04').closed).toBeNull();
    expect(levels.size).toBe(2);
    expect(levels.counts.refusedStreams).toBe(1);
  });

  it('When a stream has ended a while ago, then its meter is dropped', () => {
    let now = 0;
    const levels = new VoiceLevels({ keepEndedMs: 1000, now: () => now });
    const socket = connect(levels);
    for (const m of twilioStreamMessages('CA05', normalThenRaised)) socket.send(m);
    now = 500;
    expect(levels.take('CA05')?.raised).toBe(true);
    now = 2000;
    expect(levels.take('CA05')).toBeUndefined();
    expect(levels.size).toBe(0);
  });

  it('When a stream is not 8 kHz μ-law, then it is closed as unsupported', () => {
    const levels = new VoiceLevels();
    const socket = connect(levels);
    const start = JSON.parse(twilioStreamMessages('CA06', new Uint8Array(0))[1]);
    start.start.mediaFormat.sampleRate = 16000;
    socket.send(JSON.stringify(start));
    expect(socket.closed?.code).toBe(1003);
    expect(levels.size).toBe(0);
  });
});
