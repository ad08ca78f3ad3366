import { FRAME_BYTES } from '../src/telephony/media/frameLevel.ts';
import { syntheticSpeech } from '../src/telephony/media/syntheticSpeech.ts';
import { VoiceMeter } from '../src/telephony/media/VoiceMeter.ts';
import { median } from './median.ts';

const CALLS = 50;
const ROUNDS = 9;
const TURN_FRAMES = 250;

/**
 * μ-law frames analysed per second on one core. One call is a minute of a caller's audio: talk at their normal level,
 * the AI speaking (silence), a raised passage, more talk; each round measures 50 calls from a fresh meter each (so the
 * baseline is learned every time) and takes the turn every 5 s. Generating the audio is not timed. Median round.
 */
export function mediaBench(): { media_frames_per_s_per_core: number } {
  const call = syntheticSpeech([
    { seconds: 12, levelDb: -30 }, { seconds: 4, levelDb: -100 }, { seconds: 10, levelDb: -31 }, { seconds: 4, levelDb: -100 },
    { seconds: 6, levelDb: -20 }, { seconds: 4, levelDb: -100 }, { seconds: 20, levelDb: -29 },
  ]);
  const frames = call.length / FRAME_BYTES;
  const round = () => {
    const t0 = performance.now();
    for (let c = 0; c < CALLS; c++) {
      const meter = new VoiceMeter();
      for (let f = 0; f < frames; f++) {
        meter.pushFrame(call, f * FRAME_BYTES);
        if (f % TURN_FRAMES === TURN_FRAMES - 1) meter.takeTurn();
      }
    }
    return (CALLS * frames) / ((performance.now() - t0) / 1000);
  };
  round(); // warm-up
  const rates = Array.from({ length: ROUNDS }, round);
  return { media_frames_per_s_per_core: Math.round(median(rates)) };
}
