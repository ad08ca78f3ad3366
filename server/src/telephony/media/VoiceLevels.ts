import type { VoiceEvidence } from '@baton/shared';
import type { RawData, WebSocket } from 'ws';
import { FRAME_BYTES } from './frameLevel.ts';
import { MAX_PAYLOAD_CHARS, parseMediaMessage } from './parseMediaMessage.ts';
import { VoiceMeter } from './VoiceMeter.ts';

export interface VoiceLevelsOptions {
  /** Meters kept at once, live or recently ended; a stream beyond that is refused. Each meter holds about 8 KB. */
  maxMeters?: number;
  /** How long a meter outlives its stream, so the turn that was being spoken when the stream stopped still gets it. */
  keepEndedMs?: number;
  now?: () => number;
  /** Whether a stream may feed a call: its call SID and the `<Parameter>`s of its `<Stream>` (see streamToken.ts). */
  admits?: (callSid: string, parameters: Readonly<Record<string, string>>) => boolean;
}

interface Meter {
  meter: VoiceMeter;
  /** Streams feeding it now: a call whose stream restarts keeps its meter, and with it the caller's baseline. */
  liveStreams: number;
  endedAt: number | null;
}

/** What the endpoint has seen, for logs and tests. Ignored messages are bad JSON, unknown events, or media out of place. */
export interface MediaCounts {
  streams: number;
  frames: number;
  ignoredMessages: number;
  refusedStreams: number;
}

const TRY_AGAIN_LATER = 1013;
const UNSUPPORTED_DATA = 1003;
const POLICY_VIOLATION = 1008;
/** Twilio's largest message, `start`, is a few kilobytes and a `media` one a few hundred bytes: nothing bigger is read. */
const MAX_FRAME_BYTES = 16 * 1024;

/**
 * The voice level of every caller whose audio Twilio streams to `/twilio/media` (`<Start><Stream>`), by call SID.
 * Streams are not signed, so anyone may open one: each is accepted, but the meters are capped in number and each is
 * small and fixed in size.
 */
export class VoiceLevels {
  private readonly meters = new Map<string, Meter>();
  private readonly maxMeters: number;
  private readonly keepEndedMs: number;
  private readonly now: () => number;
  /** Base64 payloads decode into this one buffer: a media message is handled in full before the next arrives. */
  private readonly scratch = Buffer.alloc(Math.ceil((MAX_PAYLOAD_CHARS * 3) / 4));
  readonly counts: MediaCounts = { streams: 0, frames: 0, ignoredMessages: 0, refusedStreams: 0 };

  constructor(options: VoiceLevelsOptions = {}) {
    this.maxMeters = options.maxMeters ?? 2000;
    this.keepEndedMs = options.keepEndedMs ?? 60_000;
    this.now = options.now ?? Date.now;
    this.admits = options.admits ?? (() => true);
  }

  private readonly admits: NonNullable<VoiceLevelsOptions['admits']>;

  /** The evidence of the caller's voice since the previous take (see `VoiceMeter.takeTurn`); undefined when there is no audio. */
  take(callSid: string, thresholdDb?: number): VoiceEvidence | undefined {
    const entry = this.meters.get(callSid);
    if (!entry) return undefined;
    if (this.expired(entry)) {
      this.meters.delete(callSid);
      return undefined;
    }
    return entry.meter.takeTurn(thresholdDb);
  }

  /** Whether a stream of the call's audio is live here now. */
  streaming(callSid: string): boolean {
    return (this.meters.get(callSid)?.liveStreams ?? 0) > 0;
  }

  /** Whether this instance measures the call's voice (a live stream, or one that ended moments ago). */
  has(callSid: string): boolean {
    const entry = this.meters.get(callSid);
    return entry !== undefined && !this.expired(entry);
  }

  /** How many meters are held, live or recently ended. */
  get size(): number {
    return this.meters.size;
  }

  /** The WebSocket handler for Twilio's media streams: one stream per socket; a frame over `maxPayload` closes it (1009). */
  readonly socketHandler = Object.assign((socket: WebSocket): void => {
    let stream: { streamSid: string; entry: Meter } | null = null;
    const end = () => {
      if (!stream) return;
      if (--stream.entry.liveStreams === 0) stream.entry.endedAt = this.now();
      stream = null;
    };
    socket.on('message', (data: RawData, isBinary: boolean) => {
      const message = !isBinary && Buffer.isBuffer(data) ? parseMediaMessage(data.toString('utf8')) : null;
      switch (message?.event) {
        case 'media':
          if (!stream || message.streamSid !== stream.streamSid) break;
          if (message.inbound) this.feed(stream.entry.meter, message.payload);
          return;
        case 'start': {
          if (stream) break; // one stream per socket
          if (!this.admits(message.callSid, message.customParameters)) {
            this.counts.refusedStreams++;
            socket.close(POLICY_VIOLATION, 'Baton takes audio only for calls it started a stream for');
            return;
          }
          const entry = message.mulaw8k ? this.open(message.callSid) : null;
          if (entry) {
            stream = { streamSid: message.streamSid, entry };
            this.counts.streams++;
          } else if (!message.mulaw8k) {
            socket.close(UNSUPPORTED_DATA, 'Baton measures 8 kHz mono audio/x-mulaw only');
          } else {
            this.counts.refusedStreams++;
            socket.close(TRY_AGAIN_LATER, 'too many media streams');
          }
          return;
        }
        case 'stop':
          if (!stream || message.streamSid !== stream.streamSid) break;
          return end();
        case 'connected':
        case 'mark':
        case 'dtmf':
          return;
      }
      this.counts.ignoredMessages++;
    });
    // Without a listener a protocol error (an oversized frame, say) would be thrown; `close` follows it.
    socket.on('error', () => undefined);
    socket.on('close', end);
  }, { maxPayload: MAX_FRAME_BYTES });

  private feed(meter: VoiceMeter, payload: string): void {
    const bytes = this.scratch.write(payload, 'base64');
    meter.write(this.scratch.subarray(0, bytes));
    this.counts.frames += bytes / FRAME_BYTES;
  }

  private open(callSid: string): Meter | null {
    this.sweep();
    let entry = this.meters.get(callSid);
    if (!entry) {
      if (this.meters.size >= this.maxMeters && !this.evictOldestEnded()) return null;
      entry = { meter: new VoiceMeter(), liveStreams: 0, endedAt: null };
      this.meters.set(callSid, entry);
    }
    entry.liveStreams++;
    entry.endedAt = null;
    return entry;
  }

  private expired(entry: Meter): boolean {
    return entry.endedAt !== null && this.now() - entry.endedAt > this.keepEndedMs;
  }

  private sweep(): void {
    for (const [callSid, entry] of this.meters) if (this.expired(entry)) this.meters.delete(callSid);
  }

  private evictOldestEnded(): boolean {
    let oldest: [string, number] | null = null;
    for (const [callSid, entry] of this.meters) {
      if (entry.endedAt !== null && (!oldest || entry.endedAt < oldest[1])) oldest = [callSid, entry.endedAt];
    }
    if (oldest) this.meters.delete(oldest[0]);
    return oldest !== null;
  }
}
